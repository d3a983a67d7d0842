// "Documents": what the experts wrote for the business (and the owner edited), newest first.
import { useQuery } from '@tanstack/react-query';
import { isUnauthorized } from '../../access-token.ts';
import { formatTime } from '../../format.ts';
import { useTRPC } from '../../trpc.ts';
import { openDocument, useOpenDocumentId } from './document-opener.ts';

export function DocumentsPanel({ businessId }: { businessId: string | undefined }) {
  const trpc = useTRPC();
  const documents = useQuery(trpc.documents.list.queryOptions({ businessId }));
  const openId = useOpenDocumentId();
  const items = documents.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="documents-title" data-testid="documents-panel">
      <h2 id="documents-title">Documents</h2>
      {documents.error && !isUnauthorized(documents.error) && (
        <p className="field-error">Could not load the documents: {documents.error.message}</p>
      )}
      {documents.data && !items.length && (
        <p className="small muted">No documents yet. Ask an expert for a plan, a calendar or a price list and it is kept here.</p>
      )}
      <ul className="document-list">
        {items.map((doc) => (
          <li key={doc.id}>
            <button
              type="button"
              className="ghost document-row"
              aria-current={openId === doc.id ? 'true' : undefined}
              onClick={() => openDocument(doc.id)}
            >
              <span className="file-name">{doc.title}</span>
              <span className="small muted">
                {doc.kind === 'table' ? 'Table' : 'Text'} · version {doc.version} · {formatTime(doc.updatedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The card under a reply whose turn wrote or updated a document: it opens the document beside the chat.
import { openDocument } from './document-opener.ts';
import { byline, type DocumentRef } from './document-words.ts';

export function DocumentCards({ documents }: { documents: readonly DocumentRef[] }) {
  return (
    <ul className="document-cards" aria-label="Documents from this reply">
      {documents.map((doc) => (
        <li key={doc.documentId}>
          <button
            type="button"
            className="document-card"
            data-testid="document-card"
            onClick={() => openDocument(doc.documentId)}
          >
            <span className="document-icon" aria-hidden="true">
              {doc.kind === 'table' ? '▦' : '¶'}
            </span>
            <span className="document-card-text">
              <strong>{doc.title}</strong>
              <span className="small muted">
                Version {doc.version} · {byline(doc.version, doc.agent)}
              </span>
            </span>
            <span className="small document-open-hint">Open</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

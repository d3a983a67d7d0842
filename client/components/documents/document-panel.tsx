// A document beside the chat (a full-screen sheet on a phone): read it, edit it, see its versions
// and what changed, download it. Focus moves to its title on opening; Esc closes it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { saveFile } from '../../save-file.ts';
import { useTRPC } from '../../trpc.ts';
import { MarkdownText } from '../markdown-text.tsx';
import { DocumentEditor } from './document-editor.tsx';
import { DocumentVersions } from './document-versions.tsx';
import { authorName, byline } from './document-words.ts';

type Mode = 'read' | 'edit' | 'versions';
const MODES: { mode: Mode; label: string }[] = [
  { mode: 'read', label: 'Read' },
  { mode: 'edit', label: 'Edit' },
  { mode: 'versions', label: 'Versions' },
];

export function DocumentPanel({
  documentId,
  businessId,
  onClose,
}: {
  documentId: string;
  businessId: string | undefined;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const doc = useQuery(trpc.documents.get.queryOptions({ businessId, documentId }));
  const [mode, setMode] = useState<Mode>('read');
  const heading = useRef<HTMLHeadingElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves once per document opened.
  useEffect(() => {
    setMode('read');
    heading.current?.focus();
  }, [documentId]);
  const latest = doc.data?.versions.at(-1);

  return (
    <aside
      className="document-panel"
      aria-labelledby="document-title"
      data-testid="document-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="document-head">
        <div>
          <h2 id="document-title" ref={heading} tabIndex={-1}>
            {doc.data?.title ?? 'Document'}
          </h2>
          {doc.data && latest && (
            <p className="small muted" data-testid="document-byline">
              Version {doc.data.version} · {byline(doc.data.version, authorName(latest.author))}
            </p>
          )}
        </div>
        <button type="button" className="ghost" onClick={onClose}>
          Close
        </button>
      </header>
      {doc.error && (
        <p className="field-error" role="alert">
          {doc.error.message}
        </p>
      )}
      {doc.data && (
        <>
          <div className="document-modes" role="group" aria-label="Show">
            {MODES.map(({ mode: m, label }) => (
              <button key={m} type="button" className="small" aria-pressed={mode === m} onClick={() => setMode(m)}>
                {label}
              </button>
            ))}
            <DocumentDownloads documentId={documentId} businessId={businessId} table={doc.data.kind === 'table'} />
          </div>
          <div className="document-body">
            {mode === 'read' && <MarkdownText text={doc.data.content} />}
            {mode === 'edit' && <DocumentEditor doc={doc.data} businessId={businessId} onDone={() => setMode('read')} />}
            {mode === 'versions' && <DocumentVersions doc={doc.data} businessId={businessId} />}
          </div>
        </>
      )}
    </aside>
  );
}

function DocumentDownloads({
  documentId,
  businessId,
  table,
}: {
  documentId: string;
  businessId: string | undefined;
  table: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  async function download(format: 'markdown' | 'csv') {
    setError(null);
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.documents.export.queryOptions({ businessId, documentId, format }),
        staleTime: 0,
      });
      saveFile(file);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The download failed.');
    }
  }
  return (
    <span className="document-downloads">
      <button type="button" className="small ghost" onClick={() => void download('markdown')}>
        Download Markdown
      </button>
      {table && (
        <button type="button" className="small ghost" onClick={() => void download('csv')}>
          Download CSV
        </button>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

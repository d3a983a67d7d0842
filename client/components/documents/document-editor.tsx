// The owner's edit of a document: Markdown with its preview, or a table as a grid. The edit names
// the version it began from; when a newer one was saved meanwhile, the server refuses it (CONFLICT)
// and the newer text is shown beside the owner's draft, which is kept.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changeFailure } from '../../error-words.ts';
import { useTRPC } from '../../trpc.ts';
import { MarkdownText } from '../markdown-text.tsx';
import { authorName, type DocumentDetail } from './document-words.ts';
import { type Grid, TableGrid, toGfm } from './table-grid.tsx';

type Props = { doc: DocumentDetail; businessId: string | undefined; onDone: () => void };

export function DocumentEditor({ doc, businessId, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(doc.version);
  const [draft, setDraft] = useState(doc.content);
  const [grid, setGrid] = useState<Grid | undefined>(doc.table);
  const [newer, setNewer] = useState<DocumentDetail | null>(null);
  const scope = { businessId, documentId: doc.id };
  const save = useMutation(
    trpc.documents.update.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.documents.get.queryKey(scope), saved);
        await queryClient.invalidateQueries(trpc.documents.list.pathFilter());
        onDone();
      },
      onError: async (error) => {
        if (error.data?.code !== 'CONFLICT') return;
        const latest = await queryClient.fetchQuery({ ...trpc.documents.get.queryOptions(scope), staleTime: 0 });
        setNewer(latest);
      },
    }),
  );
  const content = doc.kind === 'table' && grid ? toGfm(grid) : draft;
  const startOver = (from: DocumentDetail) => {
    setDraft(from.content);
    setGrid(from.table);
    setBase(from.version);
    setNewer(null);
    save.reset();
  };
  const newerBy = newer?.versions.at(-1);

  return (
    <form
      className="document-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...scope, content, baseVersion: base });
      }}
    >
      {doc.kind === 'table' && grid ? (
        <TableGrid grid={grid} onChange={setGrid} />
      ) : (
        <div className="markdown-editor">
          <label className="field">
            <span>Markdown</span>
            <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={14} spellCheck />
          </label>
          <section className="preview" aria-label="Preview">
            <h3 className="small muted">Preview</h3>
            <MarkdownText text={draft} />
          </section>
        </div>
      )}
      {newer ? (
        <div className="conflict" role="alert" data-testid="conflict">
          <p>
            <strong>
              Version {newer.version} was saved {newerBy ? `by ${authorName(newerBy.author)}` : ''} while you were editing version{' '}
              {base}.
            </strong>{' '}
            Nothing was overwritten. Its text is below; your edit is still in the editor.
          </p>
          <div className="newer-text" data-testid="newer-text">
            <MarkdownText text={newer.content} />
          </div>
          <div className="actions">
            <button type="button" onClick={() => startOver(newer)}>
              Start again from version {newer.version}
            </button>
            <button type="button" onClick={() => (setBase(newer.version), setNewer(null), save.reset())}>
              Keep my edit, then save it as the next version
            </button>
          </div>
        </div>
      ) : (
        save.error && (
          <p className="field-error" role="alert">
            {changeFailure(save.error, 'nothing was saved.')}
          </p>
        )
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending || Boolean(newer)}>
          {save.isPending ? 'Saving…' : `Save as version ${base + 1}`}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

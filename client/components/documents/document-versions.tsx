// Every version of a document with who wrote it and when; any two compared line by line, and an
// old one restored as a new version (nothing in between is lost).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changeFailure } from '../../error-words.ts';
import { formatTime } from '../../format.ts';
import { useTRPC } from '../../trpc.ts';
import { authorName, type DocumentDetail } from './document-words.ts';
import { VersionDiff } from './version-diff.tsx';

export function DocumentVersions({ doc, businessId }: { doc: DocumentDetail; businessId: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { businessId, documentId: doc.id };
  const [from, setFrom] = useState(Math.max(1, doc.version - 1));
  const [to, setTo] = useState(doc.version);
  const older = useQuery(trpc.documents.get.queryOptions({ ...scope, version: from }));
  const newer = useQuery(trpc.documents.get.queryOptions({ ...scope, version: to }));
  const restore = useMutation(
    trpc.documents.restore.mutationOptions({
      onSuccess: async (saved) => {
        queryClient.setQueryData(trpc.documents.get.queryKey(scope), saved);
        setFrom(saved.version - 1);
        setTo(saved.version);
        await queryClient.invalidateQueries(trpc.documents.pathFilter());
      },
      onError: () => queryClient.invalidateQueries(trpc.documents.pathFilter()),
    }),
  );
  const choose = (label: string, value: number, set: (v: number) => void) => (
    <label className="field inline">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {doc.versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="document-versions">
      <ol className="version-list" reversed>
        {[...doc.versions].reverse().map((v) => (
          <li key={v.version} className="version-row" data-testid="version-row">
            <span>
              <strong>Version {v.version}</strong> · {v.version === 1 ? 'written' : 'changed'} by {authorName(v.author)} ·{' '}
              <time dateTime={v.createdAt}>{formatTime(v.createdAt)}</time>
              {v.note && <span className="small muted"> · {v.note}</span>}
            </span>
            {v.version !== doc.version && (
              <button
                type="button"
                className="small"
                disabled={restore.isPending}
                onClick={() => restore.mutate({ ...scope, version: v.version, baseVersion: doc.version })}
              >
                Restore version {v.version}
              </button>
            )}
          </li>
        ))}
      </ol>
      {restore.error && (
        <p className="field-error" role="alert">
          {restore.error.data?.code === 'CONFLICT'
            ? 'A newer version was saved meanwhile, so nothing was restored. The list now shows it: choose again.'
            : changeFailure(restore.error, 'nothing was restored.')}
        </p>
      )}
      {doc.versions.length > 1 && (
        <section aria-label="Compare versions">
          <div className="compare-pickers">
            {choose('Compare', from, setFrom)}
            {choose('with', to, setTo)}
          </div>
          {older.data && newer.data ? (
            <VersionDiff from={older.data.content} to={newer.data.content} />
          ) : (
            <p className="small muted">Loading the versions…</p>
          )}
        </section>
      )}
    </div>
  );
}

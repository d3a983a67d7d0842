// Every text a fact has had, newest first, each with who wrote it and when.
import { useQuery } from '@tanstack/react-query';
import type { RouterOutputs } from '../api-types.ts';
import { formatWhen } from '../format.ts';
import { useTRPC } from '../trpc.ts';
import { LearnedFrom } from './learned-from.tsx';

type Version = RouterOutputs['profile']['history']['versions'][number];

const writer = (version: Version) =>
  version.source.kind === 'user' ? 'you' : `${version.source.agent}${version.confirmedAt ? ', accepted by you' : ''}`;

export function FactHistory({ factId }: { factId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.profile.history.queryOptions({ factId }));
  if (history.error) return <p className="field-error small">Could not load the history: {history.error.message}</p>;
  if (!history.data) return <p className="small muted">Loading the history…</p>;
  return (
    <ol className="fact-history small" data-testid="fact-history" aria-label="History of this fact">
      {history.data.versions.map((version) => (
        <li key={version.writtenAt} className={version.replacedAt ? 'muted' : undefined}>
          <span className="fact-history-text">{version.text}</span>{' '}
          <span className="muted">
            — {writer(version)}, <time dateTime={version.writtenAt}>{formatWhen(version.writtenAt)}</time>
            {version.replacedAt ? '' : ' (now)'}
          </span>
          <LearnedFrom sources={version.learnedFrom} />
        </li>
      ))}
    </ol>
  );
}

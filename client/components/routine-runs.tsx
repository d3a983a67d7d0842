// A routine's past runs, newest first: when, which slot (or by hand), how it went.
import { useInfiniteQuery } from '@tanstack/react-query';
import { formatTime, formatWhen } from '../format.ts';
import { pathFor } from '../hooks/use-route.ts';
import { useTRPC } from '../trpc.ts';

const STATUS_WORDS: Record<string, string> = {
  completed: 'Answered',
  failed: 'Failed',
  running: 'Running',
  cancelled: 'Stopped',
  awaiting_approval: 'Waiting for your approval',
};

export function RoutineRuns({ routineId, onOpen }: { routineId: string; onOpen: (path: string) => void }) {
  const trpc = useTRPC();
  const runs = useInfiniteQuery(
    trpc.routines.runs.infiniteQueryOptions(
      { routineId, limit: 10 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  if (runs.error) return <p className="field-error">Could not load past runs: {runs.error.message}</p>;
  if (runs.isSuccess && items.length === 0) return <p className="small muted">No runs yet.</p>;
  return (
    <>
      <ol className="routine-runs" data-testid="routine-runs">
        {items.map((run) => (
          <li key={run.id} className={`run-${run.status}`}>
            <a
              href={pathFor(run.conversationId, run.id)}
              onClick={(event) => {
                event.preventDefault();
                onOpen(pathFor(run.conversationId, run.id));
              }}
            >
              <span className="run-status">{STATUS_WORDS[run.status] ?? run.status}</span>
              <span className="small muted">
                {run.scheduledFor ? `for ${formatTime(run.scheduledFor)}` : 'run by hand'} ·{' '}
                <time dateTime={run.createdAt}>{formatWhen(run.createdAt)}</time>
              </span>
              {run.error && <span className="small run-error">{run.error.message}</span>}
            </a>
          </li>
        ))}
      </ol>
      {runs.hasNextPage && (
        <button
          type="button"
          className="ghost small"
          onClick={() => void runs.fetchNextPage()}
          disabled={runs.isFetchingNextPage}
        >
          {runs.isFetchingNextPage ? 'Loading…' : 'Show older runs'}
        </button>
      )}
    </>
  );
}

export { STATUS_WORDS };

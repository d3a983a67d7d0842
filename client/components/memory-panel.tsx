// "What the assistant remembers": the rolling summary and how much of the budget the next turn uses.
import { useQuery } from '@tanstack/react-query';
import { formatTokens } from '../format.ts';
import { useTRPC } from '../trpc.ts';
import { Skeleton } from './skeleton.tsx';

export function MemoryPanel({ conversationId }: { conversationId: string }) {
  const trpc = useTRPC();
  const memory = useQuery(trpc.chat.memory.queryOptions({ conversationId }));
  const data = memory.data;
  // A conversation that does not exist has nothing to remember; its page says so.
  if (memory.error?.data?.code === 'NOT_FOUND' || memory.error?.data?.code === 'BAD_REQUEST') return null;
  const used = data ? data.windowTokens + data.summaryTokens : 0;
  const share = data ? Math.min(100, (used / Math.max(1, data.budget)) * 100) : 0;

  return (
    <section className="panel" aria-labelledby="memory-title" data-testid="memory-panel">
      <h2 id="memory-title">What the assistant remembers</h2>
      {memory.isPending && <Skeleton label="Loading memory" />}
      {memory.error && <p className="field-error">Could not load memory: {memory.error.message}</p>}
      {data && (
        <>
          <div
            className="budget"
            role="meter"
            aria-label="Memory budget used"
            aria-valuemin={0}
            aria-valuemax={data.budget}
            aria-valuenow={used}
          >
            <span className="fill" style={{ width: `${share}%` }} />
          </div>
          <p className="small muted">
            {formatTokens(used)} of {formatTokens(data.budget)} tokens: {data.windowMessages} recent{' '}
            {data.windowMessages === 1 ? 'message' : 'messages'} word for word
            {data.summaryTokens > 0 ? `, plus a ${formatTokens(data.summaryTokens)}-token summary` : ''}.
          </p>
          <p className="small muted" data-testid="memory-profile">
            {data.profile.facts > 0
              ? `Plus the business profile: ${data.profile.facts} ${data.profile.facts === 1 ? 'fact' : 'facts'}, ${formatTokens(data.profile.tokens)} of ${formatTokens(data.profile.budget)} tokens.`
              : 'The business profile has no facts yet.'}
          </p>
          {data.summary ? (
            <blockquote className="summary">{data.summary}</blockquote>
          ) : (
            <p className="small muted">
              {data.pendingSummary
                ? 'Older messages will be summarized on the next turn.'
                : 'No summary yet: the whole conversation since the last reset fits in memory.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}

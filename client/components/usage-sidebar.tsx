// Per-agent turns, tokens, time and cost, for this conversation or all of them. Routing (the
// Orchestrator) is shown apart from the experts who answer; cost only where the price is known.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { agentOrder } from '../../shared/roster.ts';
import { isUnauthorized } from '../access-token.ts';
import { isNetworkError } from '../network-error.ts';
import { useTRPC } from '../trpc.ts';
import { Skeleton } from './skeleton.tsx';
import { UsageRow } from './usage-row.tsx';

type Props = { conversationId: string | null; businessId: string | undefined; onOpenAgent: (agent: string) => void };

export function UsageSidebar({ conversationId, businessId, onOpenAgent }: Props) {
  const trpc = useTRPC();
  const [scope, setScope] = useState<'conversation' | 'all'>('conversation');
  const effective = conversationId && scope === 'conversation' ? conversationId : undefined;
  // "All" is every conversation of the business the app works in.
  const usage = useQuery(trpc.stats.agentUsage.queryOptions(effective ? { conversationId: effective } : { businessId }));
  const rows = [...(usage.data ?? [])].sort((a, b) => agentOrder(a.agent) - agentOrder(b.agent));
  const routing = rows.filter((row) => row.agent === 'Orchestrator');
  // An expert another one asked for a part is counted as consulted, apart from those who answered.
  const answered = rows.filter((row) => row.agent !== 'Orchestrator' && row.answered > 0);
  const consultedOnly = rows.filter((row) => row.agent !== 'Orchestrator' && row.answered === 0);
  const mcpCalls = rows.reduce((sum, row) => sum + row.mcpCalls, 0);
  const maxTokens = Math.max(1, ...rows.map((r) => r.inputTokens + r.outputTokens));

  return (
    <section className="panel" aria-labelledby="usage-title" data-testid="agent-usage">
      <div className="panel-head">
        <h2 id="usage-title">Agent usage</h2>
        <div className="segmented" role="group" aria-label="Usage scope">
          <button
            type="button"
            aria-pressed={effective !== undefined}
            disabled={!conversationId}
            onClick={() => setScope('conversation')}
          >
            This conversation
          </button>
          <button type="button" aria-pressed={effective === undefined} onClick={() => setScope('all')}>
            All
          </button>
        </div>
      </div>
      {usage.error && !isUnauthorized(usage.error) && (
        <p className="field-error">
          {isNetworkError(usage.error)
            ? 'Usage will show once Switchboard is reachable.'
            : `Could not load usage: ${usage.error.message}`}
        </p>
      )}
      {usage.isPending && <Skeleton label="Loading usage" />}
      {usage.isSuccess && rows.length === 0 && <p className="muted small">No turns yet.</p>}
      {answered.length > 0 && (
        <>
          <h3 className="usage-group">Experts (who answered)</h3>
          <ul className="usage-list">
            {answered.map((row) => (
              <UsageRow key={row.agent} row={row} maxTokens={maxTokens} onOpen={() => onOpenAgent(row.agent)} />
            ))}
          </ul>
        </>
      )}
      {consultedOnly.length > 0 && (
        <>
          <h3 className="usage-group">Consulted (asked by the expert who answered)</h3>
          <ul className="usage-list">
            {consultedOnly.map((row) => (
              <UsageRow key={row.agent} row={row} maxTokens={maxTokens} onOpen={() => onOpenAgent(row.agent)} />
            ))}
          </ul>
        </>
      )}
      {mcpCalls > 0 && (
        <p className="muted small" data-testid="usage-mcp-total">
          Connected tools: {mcpCalls} {mcpCalls === 1 ? 'call' : 'calls'} in all
        </p>
      )}
      {routing.length > 0 && (
        <>
          <h3 className="usage-group">Routing (choosing the expert)</h3>
          <ul className="usage-list">
            {routing.map((row) => (
              <UsageRow key={row.agent} row={row} maxTokens={maxTokens} routing onOpen={() => onOpenAgent(row.agent)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

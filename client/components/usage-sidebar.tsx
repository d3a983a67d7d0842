// The right column: per-agent turns, tokens and latency, for this conversation or all of them.
import { useQuery } from '@tanstack/react-query';
import { useState, type CSSProperties, type MouseEvent } from 'react';
import { isUnauthorized } from '../access-token.ts';
import { agentColour, agentOrder } from '../agents.ts';
import type { AgentUsage } from '../api-types.ts';
import { formatMs, formatTokens, formatUsd } from '../format.ts';
import { agentPath } from '../hooks/use-route.ts';
import { useTRPC } from '../trpc.ts';

type Props = { conversationId: string | null; onOpenAgent: (agent: string) => void };

export function UsageSidebar({ conversationId, onOpenAgent }: Props) {
  const trpc = useTRPC();
  const [scope, setScope] = useState<'conversation' | 'all'>('conversation');
  const effective = conversationId && scope === 'conversation' ? conversationId : undefined;
  const usage = useQuery(trpc.stats.agentUsage.queryOptions({ conversationId: effective }));
  const rows = [...(usage.data ?? [])].sort((a, b) => agentOrder(a.agent) - agentOrder(b.agent));
  const maxTokens = Math.max(1, ...rows.map((r) => r.inputTokens + r.outputTokens));
  const maxLatency = Math.max(1, ...rows.map((r) => r.p95LatencyMs ?? 0));

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
      {usage.error && !isUnauthorized(usage.error) && <p className="field-error">Could not load usage: {usage.error.message}</p>}
      {usage.isSuccess && rows.length === 0 && <p className="muted small">No completed turns yet.</p>}
      <ul className="usage-list">
        {rows.map((row) => (
          <UsageRow key={row.agent} row={row} maxTokens={maxTokens} maxLatency={maxLatency} onOpen={() => onOpenAgent(row.agent)} />
        ))}
      </ul>
    </section>
  );
}

type RowProps = { row: AgentUsage; maxTokens: number; maxLatency: number; onOpen: () => void };

function UsageRow({ row, maxTokens, maxLatency, onOpen }: RowProps) {
  // A plain link to the agent's view, so it can open in a new tab; a normal click stays in the app.
  const open = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen();
  };
  const colour = { '--agent': agentColour(row.agent) } as CSSProperties;
  const pct = (value: number, max: number) => `${(value / max) * 100}%`;
  return (
    <li className="usage-row" style={colour} data-testid={`usage-${row.agent}`}>
      <div className="usage-name">
        <span className="agent-dot" aria-hidden="true" />
        <a href={agentPath(row.agent)} onClick={open} title={`Every turn ${row.agent} took part in`}>
          <strong>{row.agent}</strong>
        </a>
        <span className="muted">
          {row.turns} {row.turns === 1 ? 'turn' : 'turns'}
        </span>
      </div>
      <div className="usage-metric">
        <span className="bar" aria-hidden="true">
          <span style={{ width: pct(row.inputTokens, maxTokens) }} className="fill" />
          <span style={{ width: pct(row.outputTokens, maxTokens) }} className="fill out" />
        </span>
        <span className="small">
          {formatTokens(row.inputTokens)} in · {formatTokens(row.outputTokens)} out tokens
          {row.costUsd !== null && <> · ≈ {formatUsd(row.costUsd)}</>}
        </span>
      </div>
      <div className="usage-metric">
        <span className="bar overlay" aria-hidden="true">
          <span style={{ width: pct(row.p95LatencyMs ?? 0, maxLatency) }} className="fill faint" />
          <span style={{ width: pct(row.p50LatencyMs ?? 0, maxLatency) }} className="fill" />
        </span>
        <span className="small">
          p50 {formatMs(row.p50LatencyMs)} · p95 {formatMs(row.p95LatencyMs)}
        </span>
      </div>
    </li>
  );
}

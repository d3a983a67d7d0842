// One agent's figures, each with its label: turns, tokens (with a bar against the busiest agent),
// time per turn, calls to the owner's connected (MCP) tools and the owner's answers when it made
// any, and the estimated cost when the model's price is known.
import type { CSSProperties, MouseEvent } from 'react';
import { agentColour } from '../../shared/roster.ts';
import type { AgentUsage } from '../api-types.ts';
import { formatMs, formatTokens, formatUsd } from '../format.ts';
import { agentPath } from '../hooks/use-route.ts';

type Props = { row: AgentUsage; maxTokens: number; routing?: boolean; onOpen: () => void };

export function UsageRow({ row, maxTokens, routing = false, onOpen }: Props) {
  // A plain link to the agent's view, so it can open in a new tab; a normal click stays in the app.
  const open = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen();
  };
  const colour = { '--agent': agentColour(row.agent) } as CSSProperties;
  const pct = (value: number) => `${(value / maxTokens) * 100}%`;
  const count = (n: number) => `${n} ${n === 1 ? 'turn' : 'turns'}`;
  const role = routing
    ? `routed ${count(row.turns)}`
    : [row.answered > 0 && `answered ${count(row.answered)}`, row.consulted > 0 && `consulted ${count(row.consulted)}`]
        .filter(Boolean)
        .join(' · ') || `took part in ${count(row.turns)}`;
  return (
    <li className="usage-row" style={colour} data-testid={`usage-${row.agent}`}>
      <div className="usage-name">
        <span className="agent-dot" aria-hidden="true" />
        <a href={agentPath(row.agent)} onClick={open} title={`Every turn ${row.agent} took part in`}>
          <strong>{row.agent}</strong>
        </a>
        <span className="muted">{role}</span>
      </div>
      <dl className="usage-figures">
        <dt>Tokens</dt>
        <dd>
          {formatTokens(row.inputTokens)} read
          {row.cachedInputTokens > 0 && ` (${formatTokens(row.cachedInputTokens)} cached)`} · {formatTokens(row.outputTokens)}{' '}
          written
          <span className="bar" aria-hidden="true">
            <span style={{ width: pct(row.inputTokens) }} className="fill" />
            <span style={{ width: pct(row.outputTokens) }} className="fill out" />
          </span>
        </dd>
        <dt>Time per turn</dt>
        <dd>
          typical {formatMs(row.p50LatencyMs)} · slowest {formatMs(row.p95LatencyMs)}
        </dd>
        {row.mcpCalls > 0 && (
          <>
            <dt>Connected tools</dt>
            <dd>
              {row.mcpCalls} {row.mcpCalls === 1 ? 'call' : 'calls'}
              {row.callsApproved + row.callsRejected > 0 && ` · you approved ${row.callsApproved}, rejected ${row.callsRejected}`}
            </dd>
          </>
        )}
        {row.costUsd !== null && (
          <>
            <dt>Cost (estimate)</dt>
            <dd>≈ {formatUsd(row.costUsd)}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

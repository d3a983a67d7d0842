// One turn in an agent's view: the request, why it came here, and what it cost.
import type { MouseEvent } from 'react';
import type { RouterOutputs } from '../api-types.ts';
import { formatMs, formatTime, formatTokens, formatUsd } from '../format.ts';
import { pathFor } from '../hooks/use-route.ts';
import { AgentBadge } from './agent-badge.tsx';

type AgentTurn = RouterOutputs['stats']['agentTurns']['items'][number];

const ROLE_LABEL: Record<AgentTurn['role'], string> = {
  handled: 'handled',
  consulted: 'consulted',
  expected: 'should have answered',
};

export function AgentTurnCard({ agent, item, onOpen }: { agent: string; item: AgentTurn; onOpen: () => void }) {
  // A plain link, so the turn can open in a new tab; a normal click stays in the app.
  const open = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen();
  };
  return (
    <article className="agent-turn" data-testid="agent-turn" data-role={item.role}>
      <header>
        <a href={pathFor(item.conversationId, item.turnId)} onClick={open} className="agent-turn-request">
          {item.request}
        </a>
        <time dateTime={item.createdAt}>{formatTime(item.createdAt)}</time>
      </header>
      <p className="muted small">
        in “{item.conversationTitle}” · {ROLE_LABEL[item.role]} · {item.agents.join(' → ')}
        {item.status !== 'completed' && <> · {item.status}</>}
      </p>
      {item.reason && (
        <p className="agent-turn-reason">
          <span className="muted">Why {agent}:</span> “{item.reason}”
        </p>
      )}
      {item.flag && (
        <p className="agent-turn-flag" data-testid="agent-turn-flag">
          Marked wrong expert: should have been <AgentBadge agent={item.flag.expected} />
        </p>
      )}
      <p className="muted small">
        {item.tools.length > 0 && <>Tools: {item.tools.map((t) => t.name).join(', ')} · </>}
        {formatTokens(item.usage.inputTokens)} in / {formatTokens(item.usage.outputTokens)} out tokens
        {item.costUsd !== null && <> · ≈ {formatUsd(item.costUsd)}</>}
        {item.latencyMs !== null && <> · {formatMs(item.latencyMs)}</>}
      </p>
    </article>
  );
}

import type { CSSProperties } from 'react';
import { agentColour } from '../agents.ts';

export function AgentBadge({ agent, pending = false }: { agent: string; pending?: boolean }) {
  return (
    <span
      className={pending ? 'agent-badge pending' : 'agent-badge'}
      data-testid="agent-badge"
      style={{ '--agent': agentColour(agent) } as CSSProperties}
    >
      {agent}
    </span>
  );
}

export function AgentDot({ agent }: { agent: string }) {
  return <span className="agent-dot" title={agent} style={{ '--agent': agentColour(agent) } as CSSProperties} />;
}

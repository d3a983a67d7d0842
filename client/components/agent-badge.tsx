import type { CSSProperties } from 'react';
import { agentColour } from '../../shared/roster.ts';

type Props = { agent: string; pending?: boolean; testId?: string };

export function AgentBadge({ agent, pending = false, testId = 'agent-badge' }: Props) {
  return (
    <span
      className={pending ? 'agent-badge pending' : 'agent-badge'}
      data-testid={testId}
      style={{ '--agent': agentColour(agent) } as CSSProperties}
    >
      {agent}
    </span>
  );
}

export function AgentDot({ agent }: { agent: string }) {
  return <span className="agent-dot" title={agent} style={{ '--agent': agentColour(agent) } as CSSProperties} />;
}

// The agents as the client shows them: one colour each, in a fixed order.
import type { AgentName } from './api-types.ts';

export const AGENTS = ['Orchestrator', 'Strategic', 'Creative', 'Producing', 'Media'] as const satisfies readonly AgentName[];

const COLOURS: Record<AgentName, string> = {
  Orchestrator: '#64748b',
  Strategic: '#2563eb',
  Creative: '#c026d3',
  Producing: '#d97706',
  Media: '#0d9488',
};

export function agentColour(agent: string | null | undefined): string {
  return (agent && COLOURS[agent as AgentName]) || '#475569';
}

export function isAgentName(value: string): value is AgentName {
  return agentOrder(value) < AGENTS.length;
}

/** Position in the team's order; agents this client does not know go last. */
export function agentOrder(agent: string): number {
  const index = (AGENTS as readonly string[]).indexOf(agent);
  return index < 0 ? AGENTS.length : index;
}

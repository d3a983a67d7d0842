// The team as every layer names it: the API's validation, the client and the CLI read this
// dependency-free module; the agents themselves are declared in server/agents/experts/.
// Adding an expert: one entry here, one file in server/agents/experts/.
export const EXPERT_ROSTER = [
  {
    name: 'Strategic',
    colour: '#2563eb',
    blurb: 'business models, pricing, market and money',
    example: 'How should I price a one-person design studio?',
  },
  {
    name: 'Creative',
    colour: '#c026d3',
    blurb: 'names, brand identity, design and copy',
    example: 'Suggest a brand name for my eco-friendly candle shop',
  },
  {
    name: 'Producing',
    colour: '#d97706',
    blurb: 'operations, suppliers, plans and roadmaps',
    example: 'Draft a production roadmap for 200 handmade mugs',
  },
  {
    name: 'Media',
    colour: '#0d9488',
    blurb: 'social media, content, audience and PR',
    example: 'Plan the first month of Instagram posts for a bakery',
  },
] as const;

export const ORCHESTRATOR = { name: 'Orchestrator', colour: '#64748b', blurb: 'reads each message and hands it on' } as const;

export type ExpertName = (typeof EXPERT_ROSTER)[number]['name'];
export type AgentName = typeof ORCHESTRATOR.name | ExpertName;

export const EXPERT_NAMES = EXPERT_ROSTER.map((expert) => expert.name) as [ExpertName, ...ExpertName[]];
export const AGENT_NAMES = [ORCHESTRATOR.name, ...EXPERT_NAMES] as [AgentName, ...AgentName[]];

const COLOURS = new Map<string, string>([ORCHESTRATOR, ...EXPERT_ROSTER].map((agent) => [agent.name, agent.colour]));

/** An agent's colour; a name this build does not know (an old record) gets a neutral grey. */
export function agentColour(agent: string | null | undefined): string {
  return (agent && COLOURS.get(agent)) || '#475569';
}

export function isAgentName(value: string): value is AgentName {
  return COLOURS.has(value);
}

/** Position in the team's order; agents this build does not know go last. */
export function agentOrder(agent: string): number {
  const index = (AGENT_NAMES as readonly string[]).indexOf(agent);
  return index < 0 ? AGENT_NAMES.length : index;
}

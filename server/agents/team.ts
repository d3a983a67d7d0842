// The agent team: an Orchestrator that must hand off to one of four experts.
import { Agent, handoff, type Tool } from '@openai/agents';
import { RECOMMENDED_PROMPT_PREFIX } from '@openai/agents-core/extensions';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { withConsultTools } from './consult-tools.ts';

export const EXPERTS = ['Strategic', 'Creative', 'Producing', 'Media'] as const;
export type ExpertName = (typeof EXPERTS)[number];
export const AGENT_NAMES = ['Orchestrator', ...EXPERTS] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

const HANDOFF_DESCRIPTIONS: Record<ExpertName, string> = {
  Strategic:
    'Business models, market and competitor analysis, positioning, marketing strategy, pricing, revenue and financial planning.',
  Creative: 'Brand identity, naming, taglines, tone of voice, visual and design ideas, copywriting.',
  Producing:
    'Operations, production planning, suppliers and sourcing, inventory, project management, roadmaps and timelines.',
  Media: 'Social media, content calendars and distribution, audience growth, community, newsletters, press and PR.',
};

const SEARCHES_WEB: ReadonlySet<AgentName> = new Set(['Orchestrator', 'Strategic', 'Media']);

export const handoffInput = z.object({
  reason: z.string().describe('One sentence: what the user asked for and why this expert owns it.'),
});

function instructionsFor(name: AgentName): string {
  const file = new URL(`./instructions/${name.toLowerCase()}.md`, import.meta.url);
  return `${RECOMMENDED_PROMPT_PREFIX}\n\n${readFileSync(file, 'utf8').trim()}`;
}

export type TeamOptions = { webSearch?: Tool };

export type Team = { orchestrator: Agent; experts: Record<ExpertName, Agent> };

export function buildTeam(options: TeamOptions = {}): Team {
  const toolsFor = (name: AgentName): Tool[] =>
    options.webSearch && SEARCHES_WEB.has(name) ? [options.webSearch] : [];

  const soloExperts = Object.fromEntries(
    EXPERTS.map((name) => [
      name,
      new Agent({
        name,
        instructions: instructionsFor(name),
        handoffDescription: HANDOFF_DESCRIPTIONS[name],
        tools: toolsFor(name),
      }),
    ]),
  ) as Record<ExpertName, Agent>;
  // Each expert may ask the others one question for a part of a request that is theirs.
  const experts = withConsultTools(soloExperts);

  const orchestrator = new Agent({
    name: 'Orchestrator',
    instructions: instructionsFor('Orchestrator'),
    tools: toolsFor('Orchestrator'),
    handoffs: EXPERTS.map((name) =>
      handoff(experts[name], {
        inputType: handoffInput,
        // The reason is read from the run's own handoff item; the SDK requires a callback with inputType.
        onHandoff: () => {},
      }),
    ),
    // Required + no reset: after a web search it must still call a tool, and only a transfer ends its turn.
    modelSettings: { toolChoice: 'required' },
    resetToolChoice: false,
  });

  return { orchestrator, experts };
}

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
    'What the business sells, to whom, at what price and whether it pays: business models, offers and packages, market, niche and competitor analysis, positioning, go-to-market, overall marketing strategy and budget across channels, pricing and discounts, revenue, costs, cash flow, taxes, forecasts, funding.',
  Creative:
    "How the brand looks and reads: names, taglines and slogans, logo and visual identity, colours and type, packaging and print design (labels, business cards), tone of voice, and copy for the user's own website, shop and products (about and sales pages, product descriptions, menus, brand story).",
  Producing:
    "Getting the work made and delivered: operations, production and batch planning, suppliers, manufacturers and sourcing, inventory, packing and shipping (boxes, protective materials), fulfilment and returns, quality control, event logistics, project plans, product roadmaps, timelines and checklists, tools, automation and workflows, delegating to assistants, the user's own schedule.",
  Media:
    'Reaching and growing an audience on channels: social media posts, captions, hooks, hashtags and video ideas, ads on social platforms, content calendars and repurposing, newsletters and email campaigns, blog content and SEO, community, influencers, press releases and PR, podcast guesting.',
};

const SEARCHES_WEB: ReadonlySet<AgentName> = new Set(['Orchestrator', 'Strategic', 'Media']);

export const handoffInput = z.object({
  reason: z.string().describe('One sentence: what the user asked for and why this expert owns it.'),
});

/** The reason a handoff call carries, or null when the model sent something else. */
export function handoffReason(argumentsJson: string): string | null {
  try {
    const parsed = handoffInput.safeParse(JSON.parse(argumentsJson));
    return parsed.success ? parsed.data.reason : null;
  } catch {
    return null;
  }
}

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

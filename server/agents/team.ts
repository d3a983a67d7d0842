// The agent team: an Orchestrator that must hand off to one of the experts declared in experts/.
import { Agent, handoff, type Tool } from '@openai/agents';
import { EXPERT_NAMES, type ExpertName, ORCHESTRATOR } from '../../shared/roster.ts';
import type { ExpertDefinition, ToolFactory } from './expert.ts';
import { EXPERTS } from './experts/index.ts';
import { handoffInputSchema } from './handoff-input.ts';
import { consultAdvice, orchestratorInstructions } from './orchestrator-instructions.ts';
import { advisorsOf, consultToolName, withConsultTools } from './tools/consult.ts';
import { REMEMBER_ADVICE, remember } from './tools/remember.ts';
import type { ToolSettings } from './tools/tool-settings.ts';
import { webSearch } from './tools/web-search.ts';
import type { TurnContext } from './turn-context.ts';

/** `advisors`: each expert as a consult asks it (a paused consult's calls are decided as theirs). */
export type Team = {
  orchestrator: Agent<TurnContext>;
  experts: Record<ExpertName, Agent<TurnContext>>;
  advisors: Record<ExpertName, Agent<TurnContext>>;
};

/**
 * A turn's own tools beyond the built-in ones (the owner's connections): per expert, the tools it
 * may call, also when a colleague consults it (a call that asks then pauses the colleague's turn);
 * `notes` what it is told about its connections this turn (one that is down).
 */
export type TeamExtras = {
  tools: Partial<Record<ExpertName, Tool<TurnContext>[]>>;
  notes: Partial<Record<ExpertName, string>>;
};

const ORCHESTRATOR_TOOLS: readonly ToolFactory[] = [webSearch];

/**
 * What an expert needs of the SDK's recommended prefix (which explains handoffs to agents that make
 * them): experts make none, and every expert call pays for each word of it.
 */
const EXPERT_PREFIX =
  "You are one expert of a team: an Orchestrator hands you the user's messages in your field. Never mention transfers between agents.";

const definitions: readonly ExpertDefinition[] = EXPERT_NAMES.map((name) => EXPERTS[name]);

function toolsFrom(factories: readonly ToolFactory[], settings: ToolSettings, agent: string): Tool<TurnContext>[] {
  return factories.map((make) => make(settings, agent)).filter((made) => made !== null);
}

function expertAgent(definition: ExpertDefinition, settings: ToolSettings, extras?: TeamExtras): Agent<TurnContext> {
  return new Agent<TurnContext>({
    name: definition.name,
    instructions: [
      EXPERT_PREFIX,
      definition.instructions,
      definition.tools.includes(remember) ? REMEMBER_ADVICE : '',
      consultAdvice(definition, definitions, consultToolName),
      extras?.notes[definition.name] ?? '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    handoffDescription: definition.handoffDescription,
    tools: [...toolsFrom(definition.tools, settings, definition.name), ...(extras?.tools[definition.name] ?? [])],
  });
}

/** `routerModel`: the Orchestrator's own model name (the runner resolves it); else the runner's model. */
export function buildTeam(settings: ToolSettings, routerModel?: string, extras?: TeamExtras): Team {
  const solo = Object.fromEntries(definitions.map((d) => [d.name, expertAgent(d, settings, extras)])) as Team['experts'];
  // Each expert may ask the others one question for a part of a request that is theirs.
  const advisors = advisorsOf(solo);
  const experts = withConsultTools(solo, advisors);

  const routerTools = toolsFrom(ORCHESTRATOR_TOOLS, settings, ORCHESTRATOR.name);
  const orchestrator = new Agent<TurnContext>({
    name: ORCHESTRATOR.name,
    ...(routerModel ? { model: routerModel } : {}),
    // No SDK prompt prefix: it tells an agent not to mention transfers to the user, and the
    // Orchestrator never writes to the user.
    instructions: orchestratorInstructions(definitions, { webSearch: routerTools.length > 0 }),
    tools: routerTools,
    handoffs: EXPERT_NAMES.map((name) =>
      handoff(experts[name], {
        // The expert's field alone: the SDK's default adds a sentence every transfer tool repeats.
        toolDescriptionOverride: EXPERTS[name].handoffDescription,
        inputType: handoffInputSchema,
        // The reason is read from the run's own handoff item; the SDK requires a callback with inputType.
        onHandoff: () => {},
      }),
    ),
    // Required + no reset: after a web search it must still call a tool, and only a transfer ends its turn.
    modelSettings: { toolChoice: 'required' },
    resetToolChoice: false,
  });

  return { orchestrator, experts, advisors };
}

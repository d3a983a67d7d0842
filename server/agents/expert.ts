// What one expert is, declared once: the Orchestrator's routing text, the consult advice of its
// colleagues and its agent are all built from these fields.
import type { Tool } from '@openai/agents';
import type { ExpertName } from '../../shared/roster.ts';
import type { ToolSettings } from './tools/tool-settings.ts';
import type { TurnContext } from './turn-context.ts';

/** A tool an agent may use, built from the settings for the agent named; null where it is switched off. */
export type ToolFactory = (settings: ToolSettings, agent: string) => Tool<TurnContext> | null;

export type ExpertDefinition = {
  name: ExpertName;
  /** What the Orchestrator reads to decide whether a request is this expert's. */
  handoffDescription: string;
  /** Where this domain ends and a colleague's begins: added to the Orchestrator's rules. */
  routingRules: readonly string[];
  /** The part of a request a colleague should consult this expert for. */
  consultFor: string;
  instructions: string;
  tools: readonly ToolFactory[];
};

export function defineExpert<const T extends ExpertDefinition>(definition: T): T {
  return definition;
}

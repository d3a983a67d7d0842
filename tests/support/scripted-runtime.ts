// A real SDK Runner on a ScriptedModel: the handoff and tool machinery run for real.
import { Handoff, Runner, Usage } from '@openai/agents';
import { assistantMessage, functionCall, ScriptedModel, type ScriptedModelInput } from '@openai/agents/testing';
import type { AgentRuntime } from '../../server/agents/runtime.ts';
import { buildTeam, type Team } from '../../server/agents/team.ts';
import type { ToolSettings } from '../../server/agents/tools/tool-settings.ts';
import type { ExpertName } from '../../shared/roster.ts';

/** No hosted tools (a scripted model cannot run them) and no web search unless a test gives one. */
export const NO_TOOLS: ToolSettings = { api: 'chat_completions' };

let callCounter = 0;
const nextCallId = () => `call_${++callCounter}`;

/** `modelName` is the name turns record (and are priced by); the scripted model answers whatever it is. */
export function scriptedRuntime(
  steps: ScriptedModelInput[] = [],
  options: { tools?: ToolSettings; modelName?: string; routerModelName?: string } = {},
) {
  const model = new ScriptedModel(steps);
  const modelName = options.modelName ?? 'scripted';
  const routerModelName = options.routerModelName ?? modelName;
  const tools = options.tools ?? NO_TOOLS;
  const team = buildTeam(tools, options.routerModelName);
  const runner = new Runner({ modelProvider: { getModel: async () => model }, model: modelName, tracingDisabled: true });
  const runtime: AgentRuntime = {
    team,
    teamWith: (extras) => buildTeam(tools, options.routerModelName, extras),
    runner,
    modelName,
    routerModelName,
    promptCacheKeys: false,
  };
  return { runtime, model, team };
}

export function transferToolName(team: Team, expert: ExpertName): string {
  const handoff = team.orchestrator.handoffs.find((h): h is Handoff => h instanceof Handoff && h.agentName === expert);
  if (!handoff) throw new Error(`no handoff to ${expert}`);
  return handoff.toolName;
}

const usage = (inputTokens: number, outputTokens: number) =>
  new Usage({ requests: 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens });

/** The Orchestrator's step: a handoff call with the model's reason. */
export function routeTo(team: Team, expert: ExpertName, reason: string): ScriptedModelInput {
  return {
    output: [functionCall(transferToolName(team, expert), { reason }, { callId: nextCallId() })],
    usage: usage(120, 20),
  };
}

/** An expert's final answer. */
export function reply(text: string): ScriptedModelInput {
  return { output: [assistantMessage(text)], usage: usage(200, 80) };
}

export function callTool(name: string, args: Record<string, unknown>): ScriptedModelInput {
  return { output: [functionCall(name, args, { callId: nextCallId() })], usage: usage(150, 10) };
}

/** Texts of the user/assistant messages a recorded model call received. */
export function inputTexts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  return input.flatMap((item: { type?: string; role?: string; content?: unknown }) => {
    if (item.role !== 'user' && item.role !== 'assistant') return [];
    if (typeof item.content === 'string') return [item.content];
    if (Array.isArray(item.content)) {
      return item.content.flatMap((c: { text?: string }) => (typeof c.text === 'string' ? [c.text] : []));
    }
    return [];
  });
}

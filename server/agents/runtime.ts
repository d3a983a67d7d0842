// Everything a turn needs to call the agents: the team, a runner on the chosen model, or nothing.
import { getDefaultModel, type ModelProvider, type ModelSettings, Runner } from '@openai/agents';
import type { PromptCacheRetention } from './model.ts';
import { buildTeam, type Team, type TeamExtras } from './team.ts';
import type { ToolSettings } from './tools/tool-settings.ts';

export type AgentRuntime = {
  team: Team;
  /** The team with a turn's own tools (its business's connections) added. */
  teamWith: (extras: TeamExtras) => Team;
  /** Null when no model is configured: turns fail with MODEL_NOT_CONFIGURED. */
  runner: Runner | null;
  /** The experts' (and the Summarizer's) model. */
  modelName: string;
  /** The Orchestrator's model: routing is a small classification a cheaper model can do. */
  routerModelName: string;
  /** Whether calls carry a per-conversation `prompt_cache_key` (OpenAI's API knows it; others may refuse it). */
  promptCacheKeys: boolean;
};

export function createAgentRuntime(options: {
  provider: ModelProvider | null;
  modelName: string | null;
  /** Null or undefined: the Orchestrator runs on `modelName` too. */
  routerModelName?: string | null;
  tools: ToolSettings;
  /**
   * Upper bound on one model call, streaming included: the HTTP client's timeout stops at the
   * response headers, so a reply that stalls mid-stream is cut by the runner instead.
   */
  modelTimeoutMs?: number;
  promptCacheKeys?: boolean;
  /** Sent with every call, like `promptCacheKeys` only to OpenAI's API; unset leaves the API's default. */
  promptCacheRetention?: PromptCacheRetention | null;
}): AgentRuntime {
  const modelName = options.modelName ?? getDefaultModel();
  const routerModelName = options.routerModelName ?? modelName;
  const routerModel = routerModelName === modelName ? undefined : routerModelName;
  const team = buildTeam(options.tools, routerModel);
  const runner = options.provider
    ? new Runner({
        modelProvider: options.provider,
        model: modelName,
        workflowName: 'Switchboard turn',
        modelSettings: runnerSettings(options),
      })
    : null;
  return {
    team,
    teamWith: (extras) => buildTeam(options.tools, routerModel, extras),
    runner,
    modelName,
    routerModelName,
    promptCacheKeys: options.promptCacheKeys ?? false,
  };
}

/** The model an agent of the team runs on, as recorded and priced. */
export function modelOf(runtime: Pick<AgentRuntime, 'team' | 'modelName' | 'routerModelName'>, agent: string): string {
  return agent === runtime.team.orchestrator.name ? runtime.routerModelName : runtime.modelName;
}

function runnerSettings(options: {
  modelTimeoutMs?: number;
  promptCacheRetention?: PromptCacheRetention | null;
}): ModelSettings | undefined {
  const settings: ModelSettings = {
    ...(options.modelTimeoutMs ? { timeoutMs: options.modelTimeoutMs } : {}),
    ...(options.promptCacheRetention ? { promptCacheRetention: options.promptCacheRetention } : {}),
  };
  return Object.keys(settings).length ? settings : undefined;
}

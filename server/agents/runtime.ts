// Everything a turn needs to call the agents: the team, a runner on the chosen model, or nothing.
import { getDefaultModel, Runner, type ModelProvider } from '@openai/agents';
import { buildTeam, type Team } from './team.ts';
import type { ToolSettings } from './tools/tool-settings.ts';

export type AgentRuntime = {
  team: Team;
  /** Null when no model is configured: turns fail with MODEL_NOT_CONFIGURED. */
  runner: Runner | null;
  modelName: string;
};

export function createAgentRuntime(options: {
  provider: ModelProvider | null;
  modelName: string | null;
  tools: ToolSettings;
  /**
   * Upper bound on one model call, streaming included: the HTTP client's timeout stops at the
   * response headers, so a reply that stalls mid-stream is cut by the runner instead.
   */
  modelTimeoutMs?: number;
}): AgentRuntime {
  const modelName = options.modelName ?? getDefaultModel();
  const team = buildTeam(options.tools);
  const runner = options.provider
    ? new Runner({
        modelProvider: options.provider,
        model: modelName,
        workflowName: 'Switchboard turn',
        modelSettings: options.modelTimeoutMs ? { timeoutMs: options.modelTimeoutMs } : undefined,
      })
    : null;
  return { team, runner, modelName };
}

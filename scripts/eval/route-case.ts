// Runs one case through the product's Orchestrator and stops as soon as it has handed off.
import type { Runner } from '@openai/agents';
import { type Team } from '../../server/agents/team.ts';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import { handoffReason } from '../../server/agents/handoff-input.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS, routerContext } from '../../server/memory/router-context.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { toAgentInput } from '../../server/turns/router-input.ts';
import type { RoutingCase } from './cases.ts';

export type RouteOutcome = {
  /** The expert the Orchestrator handed off to; null when it answered without a handoff. */
  chosen: ExpertName | null;
  reason: string | null;
  /** Set when the run itself failed (model error, bad tool call): the case could not be scored. */
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  ms: number;
};

/** The run's own context: lets the runner hook stop this run, and only this one. */
type StopSwitch = { stop(): void };

const isStopSwitch = (value: unknown): value is StopSwitch =>
  typeof value === 'object' && value !== null && 'stop' in value && typeof value.stop === 'function';

export type CaseRouter = (routingCase: RoutingCase) => Promise<RouteOutcome>;

/** What a turn's Orchestrator would read: the routing context the memory cuts from the window. */
function caseInput(routingCase: RoutingCase, budget: number) {
  const turns = [...(routingCase.history ?? []), { role: 'user' as const, content: routingCase.message }];
  const items = turns.map((t) => ({ role: t.role, content: t.content, tokens: countTokens(t.content) }));
  return routerContext(items, budget, countTokens).map(toAgentInput);
}

/**
 * The expert's turn would cost a full answer; the runner announces it with `agent_start` before
 * its model request, so aborting there ends the run with no request to the expert in flight.
 */
export function createCaseRouter(
  team: Team,
  runner: Runner,
  maxTurns: number,
  routerBudget = DEFAULT_ROUTER_CONTEXT_TOKENS,
): CaseRouter {
  runner.on('agent_start', (runContext, agent) => {
    if (agent !== team.orchestrator && isStopSwitch(runContext.context)) runContext.context.stop();
  });

  return async (routingCase) => {
    const startedAt = performance.now();
    const controller = new AbortController();
    const context: StopSwitch = { stop: () => controller.abort() };
    const outcome: RouteOutcome = { chosen: null, reason: null, error: null, inputTokens: 0, outputTokens: 0, ms: 0 };
    try {
      const result = await runner.run(team.orchestrator, caseInput(routingCase, routerBudget), {
        stream: true,
        context,
        maxTurns,
        signal: controller.signal,
      });
      // Nothing to watch in the events, but a streamed run only advances while they are read.
      for await (const event of result) void event;
      await result.completed;
      if (result.error) throw result.error;
      for (const item of result.newItems) {
        if (item.type === 'handoff_call_item' && outcome.reason === null) {
          outcome.reason = handoffReason(item.rawItem.arguments) ?? item.rawItem.arguments;
        }
        if (item.type === 'handoff_output_item' && outcome.chosen === null) {
          outcome.chosen = EXPERT_NAMES.find((name) => name === item.targetAgent.name) ?? null;
        }
      }
      outcome.inputTokens = result.state.usage.inputTokens;
      outcome.outputTokens = result.state.usage.outputTokens;
    } catch (error) {
      outcome.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    outcome.ms = Math.round(performance.now() - startedAt);
    return outcome;
  };
}

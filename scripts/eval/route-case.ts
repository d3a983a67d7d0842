// Runs one case through the product's own routing (server/turns/route-request.ts), on the short
// context a turn's Orchestrator reads, and stops as soon as its choice is known: no expert answers.
import type { Runner } from '@openai/agents';
import type { Team } from '../../server/agents/team.ts';
import {
  newTurnContext,
  type ProfileWriter,
  type TurnContext,
  type TurnDocuments,
  type TurnFiles,
} from '../../server/agents/turn-context.ts';
import { DomainError } from '../../server/errors.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS, routerContext } from '../../server/memory/router-context.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { RouteRecorder } from '../../server/turns/route-recorder.ts';
import { type Routed, routeRequest } from '../../server/turns/route-request.ts';
import { toAgentInput } from '../../server/turns/router-input.ts';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import type { RouterRoute } from '../../shared/turn-record.ts';
import type { RoutingCase } from './cases.ts';

/** The eval stops at the Orchestrator's choice, before any expert could look up or draw anything. */
const NO_FILES: TurnFiles = {
  search: async () => [],
  saveImage: async () => {
    throw new Error('the routing eval draws no images');
  },
};

/** Nor could an expert remember anything: the eval writes no business profile. */
const NO_DOCUMENTS: TurnDocuments = {
  write: async () => {
    throw new Error('the routing eval writes no documents');
  },
  update: async () => {
    throw new Error('the routing eval writes no documents');
  },
  read: async () => {
    throw new Error('the routing eval reads no documents');
  },
  search: async () => [],
};

const NO_PROFILE: ProfileWriter = {
  remember: async () => {
    throw new Error('the routing eval remembers nothing');
  },
};

export type RouteOutcome = {
  /** The expert the Orchestrator chose; null when it never chose one (the turn would fail). */
  chosen: ExpertName | null;
  reason: string | null;
  /** How the choice was found: a model that often needs repair is a poor router. */
  route: RouterRoute | null;
  /** Set when the run itself failed (model error, bad tool call): the case could not be scored. */
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  ms: number;
};

/** The run's own context: lets the runner hook stop this run, and only this one. */
type StopSwitch = TurnContext & { stop(): void };

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
 * its model request, so aborting there ends the run with no request to the expert in flight. The
 * router's second tries are other Agent objects with the Orchestrator's name: they run on.
 */
export function createCaseRouter(
  team: Team,
  runner: Runner,
  maxTurns: number,
  routerBudget = DEFAULT_ROUTER_CONTEXT_TOKENS,
): CaseRouter {
  runner.on('agent_start', (runContext, agent) => {
    if (agent.name !== team.orchestrator.name && isStopSwitch(runContext.context)) runContext.context.stop();
  });

  return async (routingCase) => {
    const startedAt = performance.now();
    const controller = new AbortController();
    const context: StopSwitch = { ...newTurnContext(NO_FILES, NO_PROFILE, NO_DOCUMENTS), stop: () => controller.abort() };
    // Only the Orchestrator (and its second tries) run here, on the router's model.
    const recorder = new RouteRecorder(context, EXPERT_NAMES, () => String(team.orchestrator.model || runner.config.model));
    recorder.start(team.orchestrator.name);
    const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
    const outcome: RouteOutcome = {
      chosen: null,
      reason: null,
      route: null,
      error: null,
      inputTokens: 0,
      outputTokens: 0,
      ms: 0,
    };
    try {
      const routing = routeRequest({
        runner,
        team,
        input: caseInput(routingCase, routerBudget),
        context,
        maxTurns,
        recorder,
        usage,
        signal: controller.signal,
      });
      // The events are the client's; only the decision matters here.
      let step: IteratorResult<unknown, Routed>;
      while (!(step = await routing.next()).done);
      outcome.chosen = step.value.expert;
      outcome.reason = step.value.reason || null;
      outcome.route = step.value.route;
    } catch (error) {
      // A router that never chose is a routing mistake to score, not a run that could not be scored.
      const noChoice = error instanceof DomainError && error.code === 'ROUTING_FAILED';
      if (!noChoice) outcome.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    outcome.inputTokens = usage.inputTokens;
    outcome.outputTokens = usage.outputTokens;
    outcome.ms = Math.round(performance.now() - startedAt);
    return outcome;
  };
}

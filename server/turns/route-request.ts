// How a turn finds its expert whatever the server does with tool_choice: the Orchestrator's own
// handoff; else a transfer it wrote as text, or a second try with a reminder; else its choice as
// structured data. The Orchestrator's words are never an answer: with no route the turn fails.
import {
  type Agent,
  type AgentInputItem,
  type CallModelInputFilter,
  MaxTurnsExceededError,
  ModelBehaviorError,
  type Runner,
  RunState,
  type StreamedRunResult,
} from '@openai/agents';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import type { Route, RouterRoute } from '../../shared/turn-record.ts';
import { cachedTokensOf } from '../agents/cached-tokens.ts';
import { handoffReason } from '../agents/handoff-input.ts';
import { choosingRouter, remindedRouter } from '../agents/router-fallback.ts';
import type { Team } from '../agents/team.ts';
import { writtenTransfer } from '../agents/text-transfer.ts';
import type { TurnContext } from '../agents/turn-context.ts';
import { DomainError } from '../errors.ts';
import type { TurnEvent } from './events.ts';
import type { RouteRecorder } from './route-recorder.ts';

/** Tokens of every run the route took, failed attempts included: they were spent. */
export type UsageTally = { inputTokens: number; cachedInputTokens: number; outputTokens: number };

export type RouteParams = {
  runner: Runner;
  team: Team;
  input: AgentInputItem[];
  context: TurnContext;
  maxTurns: number;
  recorder: RouteRecorder;
  usage: UsageTally;
  signal?: AbortSignal;
  /** What each model call sees: the router's short context (see router-input.ts). */
  callModelInputFilter?: CallModelInputFilter;
  /** The expert the request names: it answers with no routing. */
  expert?: ExpertName;
};

// Agent is invariant in its output type: text routers, the chooser and experts share this one.
// biome-ignore lint/suspicious/noExplicitAny: the SDK's output type parameter has no common supertype.
type AnyAgent = Agent<TurnContext, any>;
export type AgentRun<A extends AnyAgent = AnyAgent> = StreamedRunResult<TurnContext, A>;

/** The route found; `answer` is the run that already carried on into the expert, when one did. */
export type Routed = { route: RouterRoute; expert: ExpertName; reason: string; answer: AgentRun | null };

export async function* routeRequest(p: RouteParams): AsyncGenerator<TurnEvent, Routed, undefined> {
  const { orchestrator } = p.team;
  const attempts = [
    ['handoff', orchestrator],
    ['repaired', remindedRouter(orchestrator)],
  ] as const;
  for (const [route, router] of attempts) {
    const run = yield* routerStep(p, router);
    if (!run) continue;
    const handedOff = handoffIn(run);
    if (handedOff) return { route, ...handedOff, answer: run };
    // An aborted run's stream just ends: a stopped turn tries no other route.
    p.signal?.throwIfAborted();
    const written = writtenTransfer(orchestrator, typeof run.finalOutput === 'string' ? run.finalOutput : '');
    const expert = written && expertNamed(written.expert);
    if (written && expert) return { route: 'repaired', expert, reason: written.reason, answer: null };
  }
  const choice = yield* structuredChoice(p);
  if (choice) return { route: 'structured', ...choice, answer: null };
  throw new DomainError('ROUTING_FAILED');
}

export type Answered = Omit<Routed, 'route'> & { route: Route; answer: AgentRun };

/** Routes the request and has the chosen expert answer it: the run whose final output is the reply. */
export async function* answerRequest(p: RouteParams): AsyncGenerator<TurnEvent, Answered, undefined> {
  if (p.expert) return { route: 'assigned', expert: p.expert, reason: '', answer: yield* streamed(p, p.team.experts[p.expert]) };
  const routed = yield* routeRequest(p);
  if (routed.answer) return { ...routed, answer: routed.answer };
  p.signal?.throwIfAborted();
  yield* p.recorder.handoff(routed.expert, routed.reason);
  return { ...routed, answer: yield* streamed(p, p.team.experts[routed.expert]) };
}

/** One streamed run of `agent` on the request, or on a paused run's restored state. */
export async function* streamed<A extends AnyAgent>(
  p: Omit<RouteParams, 'input'> & { input: AgentInputItem[] | RunState<TurnContext, AnyAgent> },
  agent: A,
  maxTurns = p.maxTurns,
): AsyncGenerator<TurnEvent, AgentRun<A>, undefined> {
  const { context, signal, callModelInputFilter } = p;
  const run =
    p.input instanceof RunState
      ? await p.runner.run(agent, p.input, { stream: true, maxTurns, signal })
      : await p.runner.run(agent, p.input, { stream: true, context, maxTurns, signal, callModelInputFilter });
  try {
    for await (const event of run) yield* p.recorder.observe(event);
    await run.completed;
  } finally {
    // Whatever the run's end (an error, a Stop, a reply the chooser could not parse), the calls it made were paid for.
    p.usage.inputTokens += run.state.usage.inputTokens;
    p.usage.cachedInputTokens += cachedTokensOf(run.state.usage);
    p.usage.outputTokens += run.state.usage.outputTokens;
  }
  if (run.error) throw run.error;
  return run as AgentRun<A>;
}

/** A router run; null when the router's own step broke (a call to a tool it does not have). */
async function* routerStep(p: RouteParams, router: AnyAgent): AsyncGenerator<TurnEvent, AgentRun | null, undefined> {
  try {
    return yield* streamed(p, router);
  } catch (error) {
    // A misspelt transfer ("transfer_to_creative") breaks the router's step, not the turn. Once an
    // expert has the turn, its failures are the turn's.
    if (error instanceof ModelBehaviorError && p.recorder.routing) return null;
    throw error;
  }
}

function handoffIn(run: AgentRun): { expert: ExpertName; reason: string } | null {
  let reason = '';
  for (const item of run.newItems) {
    if (item.type === 'handoff_call_item') reason = handoffReason(item.rawItem.arguments) ?? '';
    const expert = item.type === 'handoff_output_item' ? expertNamed(item.targetAgent.name) : null;
    if (expert) return { expert, reason };
  }
  return null;
}

async function* structuredChoice(
  p: RouteParams,
): AsyncGenerator<TurnEvent, { expert: ExpertName; reason: string } | null, undefined> {
  try {
    // One call: the chooser has no tools, so a second would only repeat a reply it could not give.
    const run = yield* streamed(p, choosingRouter(p.team.orchestrator), 1);
    return run.finalOutput ?? null;
  } catch (error) {
    // A server without structured output, or a model that cannot keep to it: no choice.
    if (error instanceof ModelBehaviorError || error instanceof MaxTurnsExceededError) return null;
    throw error;
  }
}

export function expertNamed(name: string): ExpertName | null {
  return EXPERT_NAMES.find((expert) => expert === name) ?? null;
}

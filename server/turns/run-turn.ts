// One turn, start to finish, as the events it produces: save the message, recall memory, run the
// agents (streamed), record the outcome. chat.send drains it; chat.stream forwards it.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { deleteImagesOfTurn } from '../../db/queries/files.ts';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { failTurn, type TurnRecord } from '../../db/queries/turns.ts';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import type { Route } from '../../shared/turn-record.ts';
import { withPromptCacheKey } from '../agents/prompt-cache-key.ts';
import { type AgentRuntime, modelOf } from '../agents/runtime.ts';
import { summarizeWith } from '../agents/summarizer.ts';
import { newTurnContext } from '../agents/turn-context.ts';
import { turnProfile } from '../business/turn-profile.ts';
import type { Pricing } from '../cost/pricing.ts';
import { DomainError } from '../errors.ts';
import type { LiveTurns } from '../live/live-turns.ts';
import type { TurnLock } from '../locks/turn-lock.ts';
import type { Memory } from '../memory/memory.ts';
import { withConsults } from './consult-recorder.ts';
import type { TurnEvent } from './events.ts';
import { describeFailure } from './failures.ts';
import type { NameConversation } from './model-title.ts';
import { openTurn, type TurnRequest } from './open-turn.ts';
import { RouteRecorder } from './route-recorder.ts';
import { answerRequest, type UsageTally } from './route-request.ts';
import { routerInputFilter, toAgentInput } from './router-input.ts';
import type { RunningTurns } from './running-turns.ts';
import { stopTurn } from './stop-turn.ts';
import { turnFiles } from './turn-files.ts';
import { logTurn } from './turn-log.ts';

export type TurnDeps = {
  db: Db;
  agents: AgentRuntime;
  memory: Memory;
  lock: TurnLock;
  logger: Logger;
  running: RunningTurns;
  /** Cancel and watch, on this instance or another; `live.running` is `running`. */
  live: LiveTurns;
  /** Whose prices the API shows for turns' tokens. */
  pricing: Pricing;
  /** Names a new conversation after its first exchange, in the background (absent: it keeps its first message). */
  nameConversation?: NameConversation;
};

const MAX_AGENT_TURNS = 10;

export async function* runTurn(deps: TurnDeps, request: TurnRequest): AsyncGenerator<TurnEvent, void, undefined> {
  const { db, agents, memory } = deps;
  const opened = await openTurn({ db, lock: deps.lock, tokensOf: memory.tokensOf, readAhead: memory.readAhead }, request);
  if (opened.kind === 'replay') {
    yield opened.done;
    return;
  }
  const { started, lock, ahead } = opened;
  const { conversation, turn } = started;
  const run = { turnId: turn.id, attempt: turn.attempt };
  const live = deps.running.register({ turnId: turn.id, conversationId: conversation.id });
  // Why this turn must stop early: its lock went (LOCK_LOST) or someone pressed Stop (cancelled).
  const stop = AbortSignal.any([lock.lost, live.signal]);
  const startedAt = performance.now();
  const businessId = conversation.businessId;
  const context = newTurnContext(
    turnFiles(db, { id: turn.id, businessId }),
    turnProfile(db, { businessId, conversationId: conversation.id, turnId: turn.id }),
  );
  const recorder = new RouteRecorder(context, EXPERT_NAMES, (agent) => modelOf(agents, agent));
  const usage: UsageTally = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
  let route: Route = 'handoff';
  let memoryTokens = 0;
  const record = (): TurnRecord => ({
    ...withConsults(recorder.finish(), context.consults.values()),
    ...usage,
    route,
    memoryTokens,
    latencyMs: Math.round(performance.now() - startedAt),
    model: agents.modelName,
  });

  try {
    yield live.publish({ type: 'turn', turn });
    const { team } = agents;
    if (!agents.runner) throw new DomainError('MODEL_NOT_CONFIGURED', { turnId: turn.id });
    const runner = agents.promptCacheKeys ? withPromptCacheKey(agents.runner, conversation.id) : agents.runner;

    const recalled = await memory.recall(started, summarizeWith(runner), ahead);
    memoryTokens = recalled.summarizerTokens;
    context.profileDigest = recalled.profile?.text ?? null;
    stop.throwIfAborted();

    yield live.publish(recorder.start(team.orchestrator.name));
    const input = recalled.items.map(toAgentInput);
    const routed = yield* live.relay(
      answerRequest({
        runner,
        team,
        input,
        context,
        recorder,
        usage,
        maxTurns: MAX_AGENT_TURNS,
        signal: stop,
        // The Orchestrator routes on a short context; the expert it hands off to reads all of `input`.
        callModelInputFilter: routerInputFilter(team.orchestrator, input.length, recalled.routerItems),
      }),
    );
    stop.throwIfAborted(); // an aborted run's stream just ends
    route = routed.route;
    const text = typeof routed.answer.finalOutput === 'string' ? routed.answer.finalOutput.trim() : '';
    if (!text) throw new DomainError('EMPTY_REPLY', { turnId: turn.id });

    const finishedAt = new Date();
    const reply = {
      id: randomUUID(),
      conversationId: conversation.id,
      turnId: turn.id,
      role: 'assistant' as const,
      content: text,
      agent: routed.expert,
      tokens: memory.tokensOf(text),
      clientMessageId: null,
      stopped: false,
      createdAt: finishedAt,
    };
    const final = record();
    // Not applied: someone failed or reran this turn after our lock went, so the answer is not ours to store.
    if (!(await finishTurn(db, { reply, run, record: final, finishedAt })))
      throw new DomainError('LOCK_LOST', { turnId: turn.id });
    if (request.kind === 'send' && !request.conversationId)
      deps.nameConversation?.({
        conversationId: conversation.id,
        fallback: conversation.title,
        message: request.message,
        reply: text,
      });
    const completed = { ...turn, ...final, status: 'completed' as const, finishedAt };
    logTurn(deps.logger, completed, 'completed');
    yield live.publish({ type: 'done', conversationId: conversation.id, turn: completed, reply, attachments: context.images });
  } catch (error) {
    // A lost lock outranks a Stop: the turn is no longer ours to record as cancelled.
    const stopped =
      live.cancelled && !lock.lost.aborted
        ? await stopTurn({ db, tokensOf: memory.tokensOf }, live, run, record(), context.images)
        : null;
    if (stopped) {
      logTurn(deps.logger, stopped.turn, 'cancelled');
      yield live.publish(stopped);
      return;
    }
    let failure = describeFailure(
      lock.lost.aborted ? lock.lost.reason : live.cancelled ? new DomainError('LOCK_LOST', { turnId: turn.id }) : error,
      turn.id,
    );
    const failed = record();
    logTurn(deps.logger, { ...turn, ...failed, errorCode: failure.code }, 'failed');
    const applied = await failTurn(db, run, { ...failed, errorCode: failure.code, errorMessage: failure.message }).catch(
      (storeError: unknown) => {
        // The database went with the turn: its watchers still hear that it failed (as the outage
        // it is), and the sweep (or a retry) marks the row once the database is back.
        deps.logger.warn({ turnId: turn.id, reason: String(storeError) }, 'could not record a failed turn');
        failure = describeFailure(storeError, turn.id);
        return null;
      },
    );
    live.publish({ type: 'failed', code: failure.code, message: failure.message, turnId: turn.id });
    if (applied === false) deps.logger.warn({ turnId: turn.id }, 'turn was already settled by another instance or a later turn');
    // A failed turn has no reply to show its images under; a retry draws them again. Not ours to
    // touch when the turn has moved on (a later attempt may be drawing its own).
    else if (applied) await deleteImagesOfTurn(db, turn.id);
    throw failure;
  } finally {
    // The outcome is stored: the caller has its answer without waiting for the unlock's round
    // trip. The turn counts as running (shutdown waits for it) until its lock is given back.
    void lock
      .release()
      .catch((error: unknown) => deps.logger.warn({ turnId: turn.id, err: error }, 'could not release a turn’s lock'))
      .finally(() => deps.running.settle(turn.id));
  }
}

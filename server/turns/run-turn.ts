// One turn, start to finish, as the events it produces: save the message, recall memory, run the
// agents (streamed), record the outcome. chat.send drains it; chat.stream forwards it. A run that
// stops at a call needing the owner's yes pauses the turn (awaiting_approval); chat.approve opens
// it again here and the run carries on from its stored state.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { deleteImagesOfTurn } from '../../db/queries/files.ts';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { failTurn, type TurnRecord } from '../../db/queries/turns.ts';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import type { Route } from '../../shared/turn-record.ts';
import { withPromptCacheKey } from '../agents/prompt-cache-key.ts';
import { type AgentRuntime, modelOf } from '../agents/runtime.ts';
import { summarizeWith } from '../agents/summarizer.ts';
import { newTurnContext } from '../agents/turn-context.ts';
import { turnProfile } from '../business/turn-profile.ts';
import type { TurnTools } from '../connections/turn-tools.ts';
import type { Pricing } from '../cost/pricing.ts';
import { toDocumentRefs } from '../documents/document-dto.ts';
import { documentRefsOfTurn } from '../documents/document-refs.ts';
import { turnDocuments } from '../documents/turn-documents.ts';
import { DomainError } from '../errors.ts';
import type { LiveTurns } from '../live/live-turns.ts';
import type { TurnLock } from '../locks/turn-lock.ts';
import { errorSummary } from '../log-bounds.ts';
import type { Memory, Recollection } from '../memory/memory.ts';
import { spentBefore } from './attempt-usage.ts';
import { withConsults } from './consult-recorder.ts';
import type { TurnEvent } from './events.ts';
import { describeFailure } from './failures.ts';
import type { Housekeeping } from './housekeeping.ts';
import type { NameConversation } from './model-title.ts';
import { openTurn, type TurnRequest } from './open-turn.ts';
import { pauseRun } from './pause-turn.ts';
import { joinRecords, recordBefore } from './paused-run.ts';
import { resumeRun } from './resume-run.ts';
import { RouteRecorder } from './route-recorder.ts';
import { type AgentRun, answerRequest, type UsageTally } from './route-request.ts';
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
  /** The owner's connections (MCP servers); absent when none are configured. */
  connections?: TurnTools;
  /** What runs after a reply is stored, off the next turn's path (memory folds). */
  housekeeping: Housekeeping;
  /** Names a new conversation after its first exchange, in the background (absent: it keeps its first message). */
  nameConversation?: NameConversation;
};

const MAX_AGENT_TURNS = 10;
type Answered = { expert: ExpertName; answer: AgentRun };
const EMPTY_RECORD = { agents: [], handoffs: [], tools: [], agentUsage: [], consults: [] };

export async function* runTurn(deps: TurnDeps, request: TurnRequest): AsyncGenerator<TurnEvent, void, undefined> {
  const { db, agents, memory } = deps;
  const opened = await openTurn({ db, lock: deps.lock, tokensOf: memory.tokensOf, readAhead: memory.readAhead }, request);
  if (opened.kind === 'replay') {
    yield opened.done;
    return;
  }
  if (opened.kind === 'waiting') {
    const { turn } = opened;
    yield { type: 'approval', turnId: turn.id, conversationId: turn.conversationId, turn, approvals: turn.approvals };
    return;
  }
  const { started, lock, ahead, resume } = opened;
  const { conversation, turn } = started;
  const run = { turnId: turn.id, attempt: turn.attempt };
  const live = deps.running.register({ turnId: turn.id, conversationId: conversation.id });
  // Why this turn must stop early: its lock went (LOCK_LOST) or someone pressed Stop (cancelled).
  const stop = AbortSignal.any([lock.lost, live.signal]);
  // A resumed turn's latency counts on from the time it ran before its pause.
  const startedAt = performance.now() - (resume ? (turn.latencyMs ?? 0) : 0);
  const businessId = conversation.businessId;
  const context = newTurnContext(
    turnFiles(db, { id: turn.id, businessId }),
    turnProfile(db, { businessId, conversationId: conversation.id, turnId: turn.id }),
    turnDocuments(db, { businessId, conversationId: conversation.id, turnId: turn.id }),
  );
  const documents = () => toDocumentRefs(context.writtenDocuments);
  const recorder = new RouteRecorder(context, EXPERT_NAMES, (agent) => modelOf(agents, agent));
  // What the turn spent before this run stays counted: a retry's earlier attempts, a resumed run's
  // calls before its pause (the owner paid for those too).
  const usage: UsageTally = spentBefore(turn);
  let route: Route = resume ? turn.route : 'handoff';
  const before = resume ? recordBefore(turn) : { ...EMPTY_RECORD, agentUsage: turn.agentUsage };
  const record = (): TurnRecord => ({
    ...joinRecords(before, withConsults(recorder.finish(), context.consults.values())),
    ...usage,
    route,
    // A fold runs after the reply and adds its tokens to the turn then (see fold-behind.ts).
    memoryTokens: resume ? turn.memoryTokens : 0,
    latencyMs: Math.round(performance.now() - startedAt),
    model: agents.modelName,
  });

  try {
    yield live.publish({ type: 'turn', turn });
    if (!agents.runner) throw new DomainError('MODEL_NOT_CONFIGURED', { turnId: turn.id });
    const runner = agents.promptCacheKeys ? withPromptCacheKey(agents.runner, conversation.id) : agents.runner;
    const paused = resume
      ? turn.approvals.flatMap((a) => (a.server ? [{ agent: a.agent, server: a.server, tool: a.tool }] : []))
      : [];
    const toolset = await deps.connections?.forTurn(businessId, stop, paused);
    const team = toolset ? agents.teamWith(toolset) : agents.team;
    const params = { runner, team, context, recorder, usage, maxTurns: MAX_AGENT_TURNS, signal: stop };

    let routed: Answered;
    // What memory the run read: a resumed run carries on from its paused state instead.
    let recalled: Recollection | null = null;
    if (resume) {
      // The reply's cards show what the whole turn wrote, before its pause too.
      context.writtenDocuments.push(...(await documentRefsOfTurn(db, turn.id)));
      routed = yield* live.relay(resumeRun({ ...params, runState: resume.runState, approvals: turn.approvals }));
    } else {
      recalled = await memory.recall(started, ahead);
      context.profileDigest = recalled.profile?.text ?? null;
      stop.throwIfAborted();

      const { expert } = request;
      yield live.publish(recorder.start(expert ?? team.orchestrator.name, { routes: !expert }));
      const input = recalled.items.map(toAgentInput);
      const answered = yield* live.relay(
        answerRequest({
          ...params,
          input,
          expert,
          // The Orchestrator routes on a short context; the expert it hands off to reads all of `input`.
          callModelInputFilter: routerInputFilter(team.orchestrator, input.length, recalled.routerItems),
        }),
      );
      route = answered.route;
      routed = answered;
    }
    stop.throwIfAborted(); // an aborted run's stream just ends
    if (routed.answer.interruptions.length) {
      const paused = await pauseRun(db, { run, turn, answer: routed.answer, record: record(), target: toolset?.target });
      logTurn(deps.logger, paused.turn, 'awaiting_approval', deps.pricing);
      yield live.publish(paused);
      return;
    }
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
    if (recalled && memory.foldDue(recalled, reply.tokens)) {
      const fold = { conversationId: conversation.id, turnId: turn.id, summarize: summarizeWith(runner) };
      deps.housekeeping.run(`fold:${conversation.id}`, (signal) => memory.fold({ ...fold, signal }));
    }
    const nameConversation = deps.nameConversation;
    if (nameConversation && request.kind === 'send' && !request.conversationId) {
      const exchange = { conversationId: conversation.id, fallback: conversation.title, message: request.message, reply: text };
      deps.housekeeping.run(`title:${conversation.id}`, (signal) => nameConversation(exchange, signal));
    }
    const completed = { ...turn, ...final, status: 'completed' as const, finishedAt };
    logTurn(deps.logger, completed, 'completed', deps.pricing);
    yield live.publish({
      type: 'done',
      conversationId: conversation.id,
      turn: completed,
      reply,
      attachments: context.images,
      documents: documents(),
    });
  } catch (error) {
    // A lost lock outranks a Stop: the turn is no longer ours to record as cancelled.
    const stopped =
      live.cancelled && !lock.lost.aborted
        ? await stopTurn({ db, tokensOf: memory.tokensOf }, live, run, record(), context.images)
        : null;
    if (stopped) {
      logTurn(deps.logger, stopped.turn, 'cancelled', deps.pricing);
      yield live.publish({ ...stopped, documents: stopped.reply ? documents() : [] });
      return;
    }
    let failure = describeFailure(
      lock.lost.aborted ? lock.lost.reason : live.cancelled ? new DomainError('LOCK_LOST', { turnId: turn.id }) : error,
      turn.id,
    );
    const failed = record();
    logTurn(deps.logger, { ...turn, ...failed, errorCode: failure.code }, 'failed', deps.pricing);
    const applied = await failTurn(db, run, { ...failed, errorCode: failure.code, errorMessage: failure.message }).catch(
      (storeError: unknown) => {
        // The database went with the turn: its watchers still hear that it failed (as the outage
        // it is), and the sweep (or a retry) marks the row once the database is back.
        deps.logger.warn({ turnId: turn.id, reason: errorSummary(storeError) }, 'could not record a failed turn');
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

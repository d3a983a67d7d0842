// One turn, start to finish, as the events it produces: save the message, recall memory, run the
// agents (streamed), record the outcome. chat.send drains it; chat.stream forwards it.
import { assistant, user, type AgentInputItem } from '@openai/agents';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { failTurn, type TurnRecord } from '../../db/queries/turns.ts';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import type { AgentRuntime } from '../agents/runtime.ts';
import { summarizeWith } from '../agents/summarizer.ts';
import type { Pricing } from '../cost/pricing.ts';
import { newTurnContext } from '../agents/turn-context.ts';
import { DomainError } from '../errors.ts';
import type { TurnLock } from '../locks/turn-lock.ts';
import type { Memory, MemoryItem } from '../memory/memory.ts';
import { withConsults } from './consult-recorder.ts';
import type { TurnEvent } from './events.ts';
import { describeFailure } from './failures.ts';
import { openTurn, type TurnRequest } from './open-turn.ts';
import { RouteRecorder } from './route-recorder.ts';
import { stopTurn } from './stop-turn.ts';
import type { LiveTurns } from '../live/live-turns.ts';
import type { RunningTurns } from './running-turns.ts';
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
};

const MAX_AGENT_TURNS = 10;

export async function* runTurn(deps: TurnDeps, request: TurnRequest): AsyncGenerator<TurnEvent, void, undefined> {
  const { db, agents, memory } = deps;
  const opened = await openTurn({ db, lock: deps.lock, tokensOf: memory.tokensOf }, request);
  if (opened.kind === 'replay') {
    yield opened.done;
    return;
  }
  const { started, lock } = opened;
  const { conversation, turn } = started;
  const live = deps.running.register({ turnId: turn.id, conversationId: conversation.id });
  const startedAt = performance.now();
  const context = newTurnContext();
  const recorder = new RouteRecorder(context, EXPERT_NAMES);
  let usage = { inputTokens: 0, outputTokens: 0 };
  let memoryTokens = 0;
  const record = (): TurnRecord => ({
    ...withConsults(recorder.finish(), context.consults.values()),
    ...usage,
    memoryTokens,
    latencyMs: Math.round(performance.now() - startedAt),
    model: agents.modelName,
  });

  try {
    yield live.publish({ type: 'turn', turn });
    const { runner, team } = agents;
    if (!runner) throw new DomainError('MODEL_NOT_CONFIGURED', { turnId: turn.id });

    const recalled = await memory.recall(started, summarizeWith(runner));
    memoryTokens = recalled.summarizerTokens;

    yield live.publish(recorder.start(team.orchestrator.name));
    const result = await runner.run(team.orchestrator, recalled.items.map(toAgentInput), {
      stream: true,
      context,
      maxTurns: MAX_AGENT_TURNS,
      signal: live.signal,
    });
    for await (const event of result) for (const observed of recorder.observe(event)) yield live.publish(observed);
    live.signal.throwIfAborted();
    await result.completed;
    if (result.error) throw result.error;
    usage = { inputTokens: result.state.usage.inputTokens, outputTokens: result.state.usage.outputTokens };
    const text = typeof result.finalOutput === 'string' ? result.finalOutput.trim() : '';
    if (!text) throw new DomainError('EMPTY_REPLY', { turnId: turn.id });

    const finishedAt = new Date();
    const reply = {
      id: randomUUID(),
      conversationId: conversation.id,
      turnId: turn.id,
      role: 'assistant' as const,
      content: text,
      agent: result.lastAgent?.name ?? team.orchestrator.name,
      tokens: memory.tokensOf(text),
      clientMessageId: null,
      stopped: false,
      createdAt: finishedAt,
    };
    const final = record();
    await finishTurn(db, { reply, turnId: turn.id, record: final, finishedAt });
    const completed = { ...turn, ...final, status: 'completed' as const, finishedAt };
    logTurn(deps.logger, completed, 'completed');
    yield live.publish({ type: 'done', conversationId: conversation.id, turn: completed, reply });
  } catch (error) {
    if (live.cancelled) {
      const stopped = await stopTurn({ db, tokensOf: memory.tokensOf }, live, turn, record());
      logTurn(deps.logger, stopped.turn, 'cancelled');
      yield live.publish(stopped);
      return;
    }
    const failure = describeFailure(error, turn.id);
    const failed = record();
    logTurn(deps.logger, { ...turn, ...failed, errorCode: failure.code }, 'failed');
    await failTurn(db, turn.id, { ...failed, errorCode: failure.code, errorMessage: failure.message });
    live.publish({ type: 'failed', code: failure.code, message: failure.message, turnId: turn.id });
    throw failure;
  } finally {
    await lock.release();
    deps.running.settle(turn.id);
  }
}

function toAgentInput(item: MemoryItem): AgentInputItem {
  return item.role === 'user' ? user(item.content) : assistant(item.content);
}

// Steps 2-4 of a turn: assemble memory, run the agents (streamed), record the outcome.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { randomUUID } from 'node:crypto';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { failTurn } from '../../db/queries/turns.ts';
import type { AgentRuntime } from '../agents/runtime.ts';
import { newTurnContext } from '../agents/turn-context.ts';
import { NOT_CONFIGURED_MESSAGE } from '../agents/model.ts';
import { prepareMemory } from '../memory/prepare-memory.ts';
import { countTokens } from '../memory/tokens.ts';
import { namingConsults, withConsults, type RecordWithConsults } from './consult-recorder.ts';
import type { Pricing } from '../cost/pricing.ts';
import { toMessageDto, toTurnDto, type MessageDto, type TurnDto } from './dto.ts';
import type { TurnEventSink } from './events.ts';
import { describeFailure, TurnFailure } from './failures.ts';
import { RouteRecorder } from './route-recorder.ts';
import type { StartedTurn } from './start-turn.ts';

export type TurnDeps = {
  db: Db;
  agents: AgentRuntime;
  memoryBudget: number;
  logger: Logger;
  now?: () => number;
  /** OpenAI's list prices unless the server is another's (server/cost/pricing.ts). */
  pricing?: Pricing;
};

export type TurnOutcome = { conversationId: string; turn: TurnDto; reply: MessageDto };

const MAX_AGENT_TURNS = 10;

export async function executeTurn(deps: TurnDeps, started: StartedTurn, emit: TurnEventSink): Promise<TurnOutcome> {
  const { db, agents } = deps;
  const now = deps.now ?? performance.now.bind(performance);
  const { conversation, turn } = started;
  emit({ type: 'turn', turn: toTurnDto(turn, deps.pricing) });

  if (!agents.runner) {
    await failTurn(db, turn.id, { errorCode: 'MODEL_NOT_CONFIGURED', errorMessage: NOT_CONFIGURED_MESSAGE });
    throw new TurnFailure('MODEL_NOT_CONFIGURED', NOT_CONFIGURED_MESSAGE, turn.id);
  }

  const startedAt = now();
  const context = newTurnContext();
  const experts = Object.keys(agents.team.experts);
  const recorder = new RouteRecorder(agents.team.orchestrator.name, context, namingConsults(emit, experts), now);
  let usage = { inputTokens: 0, outputTokens: 0 };
  let memoryTokens = 0;
  const partial = (): RecordWithConsults & typeof usage & { memoryTokens: number; latencyMs: number; model: string } => ({
    ...withConsults(recorder.finish(), context.consults.values()),
    ...usage,
    memoryTokens,
    latencyMs: Math.round(now() - startedAt),
    model: agents.modelName,
  });

  let text: string;
  let answeredBy: string;
  try {
    const prepared = await prepareMemory({ ...deps, runner: agents.runner }, started);
    memoryTokens = prepared.memoryTokens;
    const result = await agents.runner.run(agents.team.orchestrator, prepared.memory.input, {
      stream: true,
      context,
      maxTurns: MAX_AGENT_TURNS,
    });
    for await (const event of result) recorder.observe(event);
    await result.completed;
    if (result.error) throw result.error;
    usage = { inputTokens: result.state.usage.inputTokens, outputTokens: result.state.usage.outputTokens };
    text = typeof result.finalOutput === 'string' ? result.finalOutput.trim() : '';
    answeredBy = result.lastAgent?.name ?? agents.team.orchestrator.name;
    if (!text) throw new TurnFailure('EMPTY_REPLY', 'The model returned an empty answer. Your message is saved: retry the turn.', turn.id);
  } catch (error) {
    const { code, message } = error instanceof TurnFailure ? error : describeFailure(error);
    await failTurn(db, turn.id, { ...partial(), errorCode: code, errorMessage: message });
    throw new TurnFailure(code, message, turn.id, { cause: error });
  }

  const record = partial();
  const finishedAt = new Date();
  const reply = {
    id: randomUUID(),
    conversationId: conversation.id,
    turnId: turn.id,
    role: 'assistant' as const,
    content: text,
    agent: answeredBy,
    tokens: countTokens(text),
    createdAt: finishedAt,
  };
  await finishTurn(db, { reply, turnId: turn.id, record, finishedAt });
  const completed = { ...turn, ...record, status: 'completed' as const, finishedAt };
  return { conversationId: conversation.id, turn: toTurnDto(completed, deps.pricing), reply: toMessageDto(reply) };
}

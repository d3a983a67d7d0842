// One log line per finished turn, for operators: who answered, tokens, latency. Never the
// conversation's text: ids, names and numbers only.
import type { Db } from '../../db/client.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { TurnOutcome } from './execute-turn.ts';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { TurnFailure } from './failures.ts';

export type TurnLogger = { info(fields: object, message: string): void };

export async function logTurn(
  logger: TurnLogger | undefined,
  db: Db,
  turn: { id: string; conversationId: string },
  run: () => Promise<TurnOutcome>,
): Promise<TurnOutcome> {
  if (!logger) return run();
  const startedAt = performance.now();
  const base = { turnId: turn.id, conversationId: turn.conversationId };
  try {
    const outcome = await run();
    const { agents, usage, latencyMs } = outcome.turn;
    logger.info(
      { ...base, status: 'completed', agents, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, latencyMs },
      'turn completed',
    );
    return outcome;
  } catch (error) {
    // The partial record (agents reached, tokens spent) is on the row; the database may be the
    // reason the turn failed, so it is read on a best-effort basis.
    const row = await findTurn(db, turn.id).catch(() => undefined);
    logger.info(
      {
        ...base,
        status: 'failed',
        errorCode: errorCodeOf(error),
        agents: row?.agents ?? [],
        inputTokens: row?.inputTokens ?? 0,
        outputTokens: row?.outputTokens ?? 0,
        latencyMs: Math.round(performance.now() - startedAt),
      },
      'turn failed',
    );
    throw error;
  }
}

function errorCodeOf(error: unknown): string {
  if (error instanceof TurnFailure) return error.code;
  return isDatabaseUnavailable(error) ? 'DATABASE_UNAVAILABLE' : 'INTERNAL';
}

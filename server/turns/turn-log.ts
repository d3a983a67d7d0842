// One log line per finished turn, for operators: who answered, tokens, cost, latency. Never the
// conversation's text: ids, names and numbers only.
import type { Logger } from 'pino';
import type { TurnRow } from '../../db/schema.ts';
import type { Pricing } from '../cost/pricing.ts';
import { turnCostUsd } from '../cost/turn-cost.ts';

type LoggedTurn = Pick<
  TurnRow,
  | 'id'
  | 'conversationId'
  | 'agents'
  | 'route'
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'outputTokens'
  | 'agentUsage'
  | 'model'
  | 'latencyMs'
  | 'errorCode'
>;

/** Whatever the end, the tokens are every model call the turn made: a failed turn was paid for too. */
export function logTurn(logger: Pick<Logger, 'info'>, turn: LoggedTurn, status: TurnRow['status'], pricing: Pricing): void {
  logger.info(
    {
      turnId: turn.id,
      conversationId: turn.conversationId,
      status,
      // How the route was found: repairs piling up mean the model server ignores tool calls.
      ...(status === 'failed' ? { errorCode: turn.errorCode } : { route: turn.route }),
      agents: turn.agents,
      inputTokens: turn.inputTokens,
      cachedInputTokens: turn.cachedInputTokens,
      outputTokens: turn.outputTokens,
      costUsd: turnCostUsd(turn, pricing),
      latencyMs: turn.latencyMs,
    },
    `turn ${status}`,
  );
}

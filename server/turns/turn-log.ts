// One log line per finished turn, for operators: who answered, tokens, latency. Never the
// conversation's text: ids, names and numbers only.
import type { Logger } from 'pino';
import type { TurnRow } from '../../db/schema.ts';

type LoggedTurn = Pick<
  TurnRow,
  'id' | 'conversationId' | 'agents' | 'route' | 'inputTokens' | 'outputTokens' | 'latencyMs' | 'errorCode'
>;

export function logTurn(logger: Pick<Logger, 'info'>, turn: LoggedTurn, status: TurnRow['status']): void {
  logger.info(
    {
      turnId: turn.id,
      conversationId: turn.conversationId,
      status,
      // How the route was found: repairs piling up mean the model server ignores tool calls.
      ...(status === 'failed' ? { errorCode: turn.errorCode } : { route: turn.route }),
      agents: turn.agents,
      inputTokens: turn.inputTokens,
      outputTokens: turn.outputTokens,
      latencyMs: turn.latencyMs,
    },
    `turn ${status}`,
  );
}

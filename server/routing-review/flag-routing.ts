// chat.flagRouting: the user says which expert should have answered; kept with the turn.
import type { Db } from '../../db/client.ts';
import { findReply } from '../../db/queries/messages.ts';
import { setRoutingFlag } from '../../db/queries/routing-flags.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { ChatError } from '../turns/chat-errors.ts';
import { toTurnDto, type TurnDto } from '../turns/dto.ts';

export async function flagRouting(db: Db, turnId: string, expected: string | null): Promise<{ turn: TurnDto }> {
  const turn = await findTurn(db, turnId);
  if (!turn) throw new ChatError('NOT_FOUND', 'No turn has this id.');
  if (turn.status !== 'completed') {
    throw new ChatError('CONFLICT', `Only an answered turn can be flagged; this one is ${turn.status}.`);
  }
  const reply = await findReply(db, turnId);
  if (expected && reply?.agent === expected) {
    throw new ChatError('BAD_REQUEST', `expected: ${expected} already answered this turn; pick the expert that should have.`);
  }
  const flagged = await setRoutingFlag(db, turnId, expected);
  // The turn can only vanish here if its conversation was deleted meanwhile.
  if (!flagged) throw new ChatError('NOT_FOUND', 'No turn has this id.');
  return { turn: toTurnDto(flagged) };
}

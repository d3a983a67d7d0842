// chat.flagRouting: the user says which expert should have answered; kept with the turn.
import type { Db } from '../../db/client.ts';
import { findReply } from '../../db/queries/messages.ts';
import { setRoutingFlag } from '../../db/queries/routing-flags.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { TurnRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';

export async function flagRouting(db: Db, turnId: string, expected: string | null): Promise<TurnRow> {
  const turn = await findTurn(db, turnId);
  if (!turn) throw new DomainError('TURN_NOT_FOUND');
  if (turn.status !== 'completed') throw new DomainError('TURN_NOT_FLAGGABLE', { turnId });
  const reply = await findReply(db, turnId);
  if (expected && reply?.agent === expected) {
    throw new DomainError('FLAG_ALREADY_ANSWERED', {
      message: `expected: ${expected} already answered this turn; pick the expert that should have.`,
    });
  }
  const flagged = await setRoutingFlag(db, turnId, expected);
  // The turn can only vanish here if its conversation was deleted meanwhile.
  if (!flagged) throw new DomainError('TURN_NOT_FOUND');
  return flagged;
}

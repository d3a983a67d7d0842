// Turns left `running` by a process that stopped (crash, kill -9, deploy) become failed, so they
// can be retried. Every running turn executes under its conversation's lock, so "running while
// nobody holds that lock" is exactly "interrupted" — no owner column, heartbeat or timeout guess:
// Postgres releases an advisory lock the instant its session ends, a killed process included.
// Another live instance's turns are never touched, because it still holds their locks.
import type { Db } from '../../db/client.ts';
import { conversationsWithRunningTurns, failRunningTurns } from '../../db/queries/turns.ts';
import { ERRORS } from '../errors.ts';
import { conversationKey, type TurnLock } from '../locks/turn-lock.ts';

/** How an interrupted turn ends. */
export const INTERRUPTED = { errorCode: 'INTERRUPTED', errorMessage: ERRORS.INTERRUPTED.message };

/** Call only while holding the conversation's lock. */
export function settleInterruptedTurns(db: Db, conversationId: string): Promise<number> {
  return failRunningTurns(db, conversationId, INTERRUPTED);
}

/** Fails the running turns whose conversation no live process holds. */
export async function recoverInterruptedTurns(db: Db, lock: TurnLock): Promise<number> {
  let failed = 0;
  for (const conversationId of await conversationsWithRunningTurns(db)) {
    const held = await lock.tryAcquire(conversationKey(conversationId));
    if (!held) continue;
    try {
      failed += await settleInterruptedTurns(db, conversationId);
    } finally {
      await held.release();
    }
  }
  return failed;
}

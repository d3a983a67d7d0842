// Turns left `running` by a process that stopped (crash, kill -9, deploy) become failed, so they
// can be retried. Every running turn executes under its conversation's lock, so "running while
// nobody holds that lock" is exactly "interrupted" — no owner column, heartbeat or timeout guess:
// Postgres releases an advisory lock the instant its session ends, a killed process included.
// Another live instance's turns are never touched, because it still holds their locks.
import type { Db } from '../../db/client.ts';
import { conversationsWithRunningTurns, failRunningTurns } from '../../db/queries/turns.ts';
import { conversationKey, type TurnLock } from './turn-lock.ts';

export const INTERRUPTED = 'INTERRUPTED';
const INTERRUPTED_MESSAGE = 'The server stopped while this turn was running. Retry it to get an answer.';

/** Call only while holding the conversation's lock. */
export function settleInterruptedTurns(db: Db, conversationId: string): Promise<number> {
  return failRunningTurns(db, conversationId, { errorCode: INTERRUPTED, errorMessage: INTERRUPTED_MESSAGE });
}

/** At start-up: fails the running turns whose conversation no live process holds. */
export async function recoverInterruptedTurns(db: Db, lock: TurnLock): Promise<number> {
  let failed = 0;
  for (const conversationId of await conversationsWithRunningTurns(db)) {
    await lock.tryRun(conversationKey(conversationId), async () => {
      failed += await settleInterruptedTurns(db, conversationId);
    });
  }
  return failed;
}

// The turn lock a database needs: Postgres may be shared by several instances, so the lock must
// hold across processes; PGlite is opened by one process only, so an in-process queue suffices.
import type { Database } from '../../db/client.ts';
import { AdvisoryLock } from './advisory-lock.ts';
import { LocalLock } from './local-lock.ts';
import type { TurnLock } from './turn-lock.ts';

export function turnLockFor(database: Database): TurnLock {
  return database.kind === 'postgres' ? new AdvisoryLock(database.lockPool) : new LocalLock();
}

// The turn lock across processes: a Postgres session-level advisory lock per key, held on a
// connection of its own for the whole turn. Postgres drops it the moment that session ends, a
// crashed process included, so a lock can never outlive its holder.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { LocalLock } from './local-lock.ts';
import type { LockHandle, TurnLock } from './turn-lock.ts';

/** 64-bit lock id from a key: the same in every process, collisions only serialize two turns. */
export function advisoryKey(key: string): string {
  const digest = createHash('sha256').update(`switchboard:${key}`).digest();
  return digest.readBigInt64BE(0).toString();
}

export class AdvisoryLock implements TurnLock {
  // Waiters in this process queue here first, so each key costs at most one connection per
  // process and a hot conversation cannot tie up the whole lock pool with sessions that wait.
  readonly #local = new LocalLock();

  /** For lock sessions only: a holder must never wait for a connection it blocks. */
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async acquire(keys: readonly string[]): Promise<LockHandle> {
    const local = await this.#local.acquire(keys);
    const session = await this.#connect(local);
    try {
      for (const key of keys) await session.query('select pg_advisory_lock($1::bigint)', [advisoryKey(key)]);
    } catch (error) {
      await holding(session, local).release();
      throw error;
    }
    return holding(session, local);
  }

  async tryAcquire(key: string): Promise<LockHandle | null> {
    const local = await this.#local.tryAcquire(key);
    if (!local) return null;
    const session = await this.#connect(local);
    const handle = holding(session, local);
    try {
      const { rows } = await session.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [advisoryKey(key)]);
      if (rows[0]?.ok) return handle;
    } catch (error) {
      await handle.release();
      throw error;
    }
    await handle.release();
    return null;
  }

  async #connect(local: LockHandle): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      await local.release();
      throw error;
    }
  }
}

function holding(session: pg.PoolClient, local: LockHandle): LockHandle {
  return {
    release: async () => {
      await unlockAndRelease(session);
      await local.release();
    },
  };
}

/**
 * Unlocking must not mask the turn's own outcome: if the session broke (Postgres restarted), its
 * locks are already gone with it, and the connection is discarded instead of pooled.
 */
async function unlockAndRelease(session: pg.PoolClient): Promise<void> {
  try {
    await session.query('select pg_advisory_unlock_all()');
    session.release();
  } catch {
    session.release(true);
  }
}

// The turn lock across processes: a Postgres session-level advisory lock per key, held on a
// connection of its own for the whole turn. Postgres drops it the moment that session ends, a
// crashed process included, so a lock can never outlive its holder.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ConversationLock } from './conversation-lock.ts';
import type { TurnLock } from './turn-lock.ts';

/** 64-bit lock id from a key: the same in every process, collisions only serialize two turns. */
export function advisoryKey(key: string): string {
  const digest = createHash('sha256').update(`switchboard:${key}`).digest();
  return digest.readBigInt64BE(0).toString();
}

export class AdvisoryLock implements TurnLock {
  // Waiters in this process queue here first, so each key costs at most one connection per
  // process and a hot conversation cannot tie up the whole lock pool with sessions that wait.
  readonly #local = new ConversationLock();

  /** For lock sessions only: a holder must never wait for a connection it blocks. */
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.#local.run(keys, () => this.#hold(keys, work));
  }

  tryRun(key: string, work: () => Promise<void>): Promise<boolean> {
    let ran = false;
    return this.#local
      .tryRun(key, async () => {
        const session = await this.pool.connect();
        try {
          const { rows } = await session.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [
            advisoryKey(key),
          ]);
          if (!rows[0]?.ok) return;
          ran = true;
          await work();
        } finally {
          await unlockAndRelease(session);
        }
      })
      .then((local) => local && ran);
  }

  async #hold<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const session = await this.pool.connect();
    try {
      for (const key of keys) await session.query('select pg_advisory_lock($1::bigint)', [advisoryKey(key)]);
      return await work();
    } finally {
      await unlockAndRelease(session);
    }
  }
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

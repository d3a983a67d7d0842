// The turn lock across processes: a Postgres session-level advisory lock per key, held on a
// connection of its own for the whole turn. Postgres drops it the moment that session ends, a
// crashed process included, so a lock can never outlive its holder.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { LocalLock } from './local-lock.ts';
import { watchSession } from './session-watch.ts';
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
  readonly #pingMs: number;

  /** `pingMs`: how often a held session is checked; a silent one is given up after one more. */
  constructor(pool: pg.Pool, options: { pingMs?: number } = {}) {
    this.pool = pool;
    this.#pingMs = options.pingMs ?? 5_000;
  }

  async acquire(keys: readonly string[]): Promise<LockHandle> {
    const local = await this.#local.acquire(keys);
    const session = await this.#connect(local);
    try {
      for (const key of keys) await session.query('select pg_advisory_lock($1::bigint)', [advisoryKey(key)]);
    } catch (error) {
      await giveBack(session, local, this.#pingMs);
      throw error;
    }
    return this.#holding(session, local);
  }

  async tryAcquire(key: string): Promise<LockHandle | null> {
    const local = await this.#local.tryAcquire(key);
    if (!local) return null;
    const session = await this.#connect(local);
    try {
      const { rows } = await session.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [advisoryKey(key)]);
      if (rows[0]?.ok) return this.#holding(session, local);
    } catch (error) {
      await giveBack(session, local, this.#pingMs);
      throw error;
    }
    await giveBack(session, local, this.#pingMs);
    return null;
  }

  #holding(session: pg.PoolClient, local: LockHandle): LockHandle {
    const watch = watchSession(session, this.#pingMs);
    return {
      lost: watch.lost,
      release: async () => {
        watch.stop();
        // A lost session is discarded unasked: a silent one would never answer the unlock.
        if (watch.lost.aborted) session.release(true);
        else await unlockAndRelease(session, this.#pingMs);
        await local.release();
      },
    };
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

async function giveBack(session: pg.PoolClient, local: LockHandle, timeoutMs: number): Promise<void> {
  await unlockAndRelease(session, timeoutMs);
  await local.release();
}

/**
 * Unlocking must not mask the turn's own outcome, nor hang it: a session that broke (Postgres
 * restarted) lost its locks with it, and one that does not answer within `timeoutMs` (a partition)
 * is closed, which ends its locks as soon as Postgres sees it go. Either way it is not pooled again.
 */
async function unlockAndRelease(session: pg.PoolClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const unlocked = session.query('select pg_advisory_unlock_all()').then(
    () => true,
    () => false,
  );
  const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
  const ok = await Promise.race([unlocked, late]);
  clearTimeout(timer);
  session.release(ok ? undefined : true);
}

// Several instances may start at once against one Postgres: only one applies migrations, the
// others wait for it and then find nothing left to do.
import type pg from 'pg';

// An arbitrary constant ("swbd-mig"), distinct from the hashed conversation lock keys in practice.
const MIGRATION_LOCK_KEY = '8320227018988677479';

export async function withMigrationLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const session = await pool.connect();
  try {
    await session.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await session.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).then(
      () => session.release(),
      () => session.release(true),
    );
  }
}

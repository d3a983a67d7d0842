// Two server instances on one database, in this process: on Postgres two pools, each with its
// own advisory lock, stand for two processes; PGlite is opened by one process only, so there both
// "instances" share that process's lock.
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { turnLockFor } from '../../server/locks/choose-lock.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import type { TurnLock } from '../../server/locks/turn-lock.ts';
import { createTestDatabase, type DriverKind } from './test-db.ts';
import { createThrowawayPostgres } from './throwaway-postgres.ts';

/** `url`: Postgres only, for a component that opens connections of its own (the job engine). */
export type Instance = { database: Database; lock: TurnLock; url?: string };

export async function twoInstances(kind: DriverKind): Promise<{ a: Instance; b: Instance; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const database = await createTestDatabase('pglite');
    const one = { database, lock: new LocalLock() };
    return { a: one, b: one, close: () => database.close() };
  }
  const throwaway = await createThrowawayPostgres();
  const open = async () => {
    const database = await openDatabase({ kind: 'postgres', url: throwaway.url, poolSize: 3, lockPoolSize: 4 });
    await migrate(database);
    return { database, lock: turnLockFor(database), url: throwaway.url };
  };
  const a = await open();
  const b = await open();
  return {
    a,
    b,
    async close() {
      await a.database.close();
      await b.database.close();
      await throwaway.drop();
    },
  };
}

/** Resolves once a query in this database waits for a lock, e.g. an insert blocked by another transaction's row. */
export async function untilSomeQueryWaitsForALock(database: Database): Promise<void> {
  for (;;) {
    const result = await database.db.execute<{ waiting: number }>(
      sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((result as unknown as { rows: { waiting: number }[] }).rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

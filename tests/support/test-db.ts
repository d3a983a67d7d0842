// A fresh, migrated database per suite: PGlite in memory, or a throwaway database on the run's
// real Postgres (TEST_DATABASE_URL or an embedded one: postgres-global-setup.ts), so parallel test
// files never share tables.
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createThrowawayDatabase } from './throwaway-database.ts';

export type DriverKind = 'pglite' | 'postgres';

/** The run's Postgres admin URL; throws why there is none, so a Postgres suite fails, never skips. */
export function postgresUrl(): string {
  const postgres = inject('postgres');
  if ('problem' in postgres) throw new Error(`No Postgres for this test run: ${postgres.problem}`);
  return postgres.url;
}

export async function createTestDatabase(kind: DriverKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite' });
    await migrate(database);
    return database;
  }
  const throwaway = await createThrowawayDatabase(postgresUrl());
  const database = await openDatabase({ kind: 'postgres', url: throwaway.url, poolSize: 4 });
  await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      await throwaway.drop();
    },
  };
}

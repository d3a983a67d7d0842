// A fresh, migrated database per suite: PGlite in memory, or a throwaway database on the real
// Postgres named by TEST_DATABASE_URL (so parallel test files never share tables).
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createThrowawayDatabase } from './throwaway-database.ts';

export type DriverKind = 'pglite' | 'postgres';

export const postgresUrl = process.env.TEST_DATABASE_URL;

export async function createTestDatabase(kind: DriverKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite' });
    await migrate(database);
    return database;
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const throwaway = await createThrowawayDatabase(postgresUrl);
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

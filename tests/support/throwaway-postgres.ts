// A throwaway database on the Postgres named by TEST_DATABASE_URL, by URL, for tests that open
// it more than once (two server instances) or hand it to a server process.
import { postgresUrl } from './test-db.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.ts';

export type ThrowawayPostgres = ThrowawayDatabase;

export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  return createThrowawayDatabase(postgresUrl);
}

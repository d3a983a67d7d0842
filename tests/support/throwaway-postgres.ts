// A throwaway database on the run's Postgres (see test-db.ts), by URL, for tests that open it more
// than once (two server instances) or hand it to a server process.
import { postgresUrl } from './test-db.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.ts';

export type ThrowawayPostgres = ThrowawayDatabase;

export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  return createThrowawayDatabase(postgresUrl());
}

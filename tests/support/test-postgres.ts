// The Postgres that tests and benches make their throwaway databases in: TEST_DATABASE_URL when
// set, otherwise a throwaway embedded PostgreSQL started for this run.
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.ts';

export type TestPostgres = RunningPostgres & { source: 'TEST_DATABASE_URL' | 'embedded' };

export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const url = env.TEST_DATABASE_URL?.trim();
  if (url) return { url, source: 'TEST_DATABASE_URL', stop: async () => {} };
  return { ...(await startEmbeddedPostgres()), source: 'embedded' };
}

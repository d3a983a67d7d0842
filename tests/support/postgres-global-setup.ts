// Vitest globalSetup: one Postgres for the whole run (see test-postgres.ts), handed to test files
// with `provide`. If it cannot start, the run goes on and every Postgres suite fails with the
// reason (test-db.ts), so nothing is skipped silently.
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './test-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { problem: string };
  }
}

export default async function postgresForTests(project: TestProject): Promise<() => Promise<void>> {
  try {
    const postgres = await startTestPostgres();
    project.provide('postgres', { url: postgres.url });
    return () => postgres.stop();
  } catch (error) {
    project.provide('postgres', { problem: error instanceof Error ? error.message : String(error) });
    return async () => {};
  }
}

// Applies db/migrations on either driver, and recovers turns a crash left running.
import { eq } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';
import { turns } from './schema.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  } else {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}

export const INTERRUPTED = 'INTERRUPTED';

/** Marks turns left `running` by a previous process as failed so they can be retried. */
export async function failInterruptedTurns(database: Database): Promise<number> {
  const rows = await database.db
    .update(turns)
    .set({
      status: 'failed',
      errorCode: INTERRUPTED,
      errorMessage: 'The server stopped while this turn was running. Retry it to get an answer.',
      finishedAt: new Date(),
    })
    .where(eq(turns.status, 'running'))
    .returning({ id: turns.id });
  return rows.length;
}

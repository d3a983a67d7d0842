// Applies db/migrations on either driver.

import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './client.ts';
import { withMigrationLock } from './migration-lock.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrate(database: Database): Promise<void> {
  const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
  const run = () => migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  // PGlite is opened by one process only: nobody else can be migrating it.
  await (database.kind === 'postgres' ? withMigrationLock(database.lockPool, run) : run());
}

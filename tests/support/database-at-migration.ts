// A database migrated only up to an old migration (0000_init by default: a Switchboard from before
// businesses), as an older release left it, so a test can write old rows and then run today's
// migrations over them.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { type Database, openDatabase } from '../../db/client.ts';
import { type DriverKind, postgresUrl } from './test-db.ts';
import { createThrowawayDatabase } from './throwaway-database.ts';

const migrations = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export async function databaseAtMigration(kind: DriverKind, lastTag = '0000_init'): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
  try {
    mkdirSync(join(folder, 'meta'));
    const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
    if (last < 0) throw new Error(`no migration ${lastTag}`);
    const entries = journal.entries.slice(0, last + 1);
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const { tag } of entries) copyFileSync(join(migrations, `${tag}.sql`), join(folder, `${tag}.sql`));
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const toLast = (database: Database) => migrate(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
    if (kind === 'pglite') {
      const database = await openDatabase({ kind: 'pglite' });
      await toLast(database);
      return database;
    }
    const throwaway = await createThrowawayDatabase(postgresUrl());
    const database = await openDatabase({ kind: 'postgres', url: throwaway.url, poolSize: 2 });
    await toLast(database);
    return {
      ...database,
      async close() {
        await database.close();
        await throwaway.drop();
      },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

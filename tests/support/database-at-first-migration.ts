// A database migrated only to 0000_init, as a Switchboard from before businesses left it, so a
// test can write old rows and then run today's migrations over them.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { type Database, openDatabase } from '../../db/client.ts';
import { type DriverKind, postgresUrl } from './test-db.ts';
import { createThrowawayDatabase } from './throwaway-database.ts';

const migrations = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export async function databaseAtFirstMigration(kind: DriverKind): Promise<Database> {
  const folder = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
  try {
    mkdirSync(join(folder, 'meta'));
    const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const first = journal.entries[0]!;
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
    copyFileSync(join(migrations, `${first.tag}.sql`), join(folder, `${first.tag}.sql`));
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const toFirst = (database: Database) => migrate(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
    if (kind === 'pglite') {
      const database = await openDatabase({ kind: 'pglite' });
      await toFirst(database);
      return database;
    }
    const throwaway = await createThrowawayDatabase(postgresUrl());
    const database = await openDatabase({ kind: 'postgres', url: throwaway.url, poolSize: 2 });
    await toFirst(database);
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

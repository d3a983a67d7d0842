// A fresh, migrated database per suite: PGlite in memory, or a throwaway database on the real
// Postgres named by TEST_DATABASE_URL (so parallel test files never share tables).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';

export type DriverKind = 'pglite' | 'postgres';

export const postgresUrl = process.env.TEST_DATABASE_URL;

export async function createTestDatabase(kind: DriverKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite' });
    await migrate(database);
    return database;
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sb_test_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

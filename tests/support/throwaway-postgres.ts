// A throwaway database on the Postgres named by TEST_DATABASE_URL, by URL, for tests that open
// it more than once (two server instances) or hand it to a server process.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { postgresUrl } from './test-db.ts';

export type ThrowawayPostgres = { url: string; drop(): Promise<void> };

export async function createThrowawayPostgres(): Promise<ThrowawayPostgres> {
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sb_test_${randomUUID().replaceAll('-', '')}`;
  await admin(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

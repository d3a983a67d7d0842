// A fresh Postgres database next to the one an admin URL names, dropped when done.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type ThrowawayDatabase = { url: string; drop(): Promise<void> };

export async function createThrowawayDatabase(adminUrl: string, prefix = 'sb_test'): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

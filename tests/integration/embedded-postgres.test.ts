// The throwaway PostgreSQL that `npm test` starts when TEST_DATABASE_URL is unset (CI's case):
// it answers, leaves nothing behind, and when it cannot start says why in one line, never a stack
// from an unhandled spawn error (as root from a checkout only root can enter, CI runs it from one).
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../support/embedded-postgres.ts';

const ownFolders = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('switchboard-pg-')));
const tmp = process.env.TMPDIR;
afterEach(() => {
  if (tmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmp;
});

it('starts a server that answers as its postgres user, and removes its folder when stopped', { timeout: 120_000 }, async () => {
  const before = ownFolders();
  const postgres = await startEmbeddedPostgres();
  const made = [...ownFolders()].filter((name) => !before.has(name));
  expect(made).toHaveLength(1);
  const client = new pg.Client(postgres.url);
  await client.connect();
  const { rows } = await client.query<{ user: string; version: string }>('select current_user as user, version()');
  await client.end();
  expect(rows[0]).toMatchObject({ user: 'postgres', version: expect.stringMatching(/^PostgreSQL 18/) });
  await postgres.stop();
  expect(existsSync(`${tmpdir()}/${made[0]}`)).toBe(false);
});

it('says in one line why it could not start', async () => {
  process.env.TMPDIR = '/nonexistent-switchboard-tmp';
  const failed = startEmbeddedPostgres();
  await expect(failed).rejects.toThrow(
    /^could not start the embedded PostgreSQL \(embedded-postgres\): ENOENT: no such file or directory, mkdtemp '\/nonexistent-switchboard-tmp\/switchboard-pg-XXXXXX'$/,
  );
});

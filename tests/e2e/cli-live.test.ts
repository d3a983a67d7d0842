// Ctrl-C during `switchboard send` stops the turn on the server and keeps what was written;
// `switchboard watch` follows the same turn from another terminal to the same end.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gate } from '../support/echo-model.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REPLY = 'Open a pop-up stall at the Saturday market and collect emails for a launch discount.';

let fake: FakeOpenAI;
let server: ServerProcess;
let dir: string;

beforeAll(async () => {
  fake = await startFakeOpenAI(() => ({ status: 500 }));
  dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-live-'));
  server = await startServer({
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const child = spawn(process.execPath, ['scripts/switchboard.mjs', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, SWITCHBOARD_URL: server.url },
  });
  const run = { child, stdout: '', stderr: '', exit: new Promise<number | null>((resolve) => child.once('close', resolve)) };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

async function until(check: () => boolean | Promise<boolean>, what: string, child?: ChildProcessWithoutNullStreams) {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline || child?.exitCode != null) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runningTurnId(): Promise<string> {
  const list = await query<{ items: { id: string }[] }>(server.url, 'conversations.list', {});
  const history = await query<{ turns: { id: string; status: string }[] }>(server.url, 'chat.history', {
    conversationId: list.data!.items[0]!.id,
  });
  return history.data!.turns.find((turn) => turn.status === 'running')!.id;
}

it('stops the turn on Ctrl-C, keeping the text so far, while a watcher follows it to the same end', async () => {
  const release = gate();
  fake.setResponder(plannedTurns([{ route: 'Media', reply: REPLY, hold: { afterWords: 5, until: release.promise } }]));
  const sender = cli(['send', 'How do I find my first customers?']);
  await until(() => sender.stdout.split(' ').length > 5, 'the first words', sender.child);
  const turnId = await runningTurnId();

  const watcher = cli(['watch', turnId]);
  await until(() => watcher.stdout.length >= sender.stdout.length, 'the watcher to catch up', watcher.child);
  expect(watcher.stderr).toContain('→ Media');

  sender.child.kill('SIGINT');
  expect(await sender.exit).toBe(130);
  expect(await watcher.exit).toBe(130);
  release.open();

  expect(sender.stderr).toContain(`Stopped. The reply so far is kept. Retry it with: switchboard retry ${turnId}`);
  expect(watcher.stdout).toBe(sender.stdout);
  expect(REPLY.startsWith(sender.stdout.trim())).toBe(true);
  const history = await query<{ messages: { role: string; content: string; stopped: boolean }[] }>(server.url, 'chat.history', {
    conversationId: (await query<{ items: { id: string }[] }>(server.url, 'conversations.list', {})).data!.items[0]!.id,
  });
  expect(history.data!.messages.at(-1)).toMatchObject({ role: 'assistant', content: sender.stdout.trim(), stopped: true });
});

it('watches a finished turn: its reply at once', async () => {
  fake.setResponder(plannedTurns([{ route: 'Strategic', reply: 'Charge 24 EUR.' }]));
  const sent = cli(['send', 'What should I charge?']);
  expect(await sent.exit).toBe(0);
  const list = await query<{ items: { id: string }[] }>(server.url, 'conversations.list', {});
  const history = await query<{ turns: { id: string }[] }>(server.url, 'chat.history', {
    conversationId: list.data!.items[0]!.id,
  });
  const watched = cli(['watch', history.data!.turns.at(-1)!.id]);
  expect(await watched.exit).toBe(0);
  expect(watched.stdout).toBe('Charge 24 EUR.\n');
});

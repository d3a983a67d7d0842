// Two `npm start` on one PGlite folder used to both serve and lose half of what they acknowledged.
// Now the folder has one owner: a second server says who holds it and exits without writing, the
// first keeps every write, and the lock of a server killed with SIGKILL is taken by the next start.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { echoTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { startServer } from '../support/server-process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const fake = await startFakeOpenAI(echoTurns());
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-folder-'));
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => fake.close(),
  );
  const env = { SWITCHBOARD_DATA_DIR: dataDir, OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-model' };
  const start = async () => {
    const server = await startServer(env);
    cleanups.push(() => server.stop('SIGKILL'));
    return server;
  };
  return { dataDir, env, start };
}

const inUse = (dataDir: string, pid: number) =>
  new RegExp(
    `server exited with 1:[\\s\\S]*The data folder ${dataDir} is in use by another Switchboard \\(pid ${pid}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): stop that one first, or set SWITCHBOARD_DATA_DIR to another folder\\.`,
  );

async function conversationCount(url: string): Promise<number> {
  const list = await query<{ items: unknown[] }>(url, 'conversations.list', { limit: 100 });
  return list.data!.items.length;
}

it('turns a second server on the same folder away, and the first keeps all 40 conversations it acknowledged', {
  timeout: 180_000,
}, async () => {
  const { dataDir, start } = await setUp();
  const first = await start();
  const owner = () => readFileSync(join(dataDir, 'switchboard.lock.json'), 'utf8');
  const note = owner();

  const writes = (async () => {
    for (let i = 1; i <= 40; i += 1) {
      const sent = await mutate<{ reply: { content: string } }>(first.url, 'chat.send', { message: `Order ${i}` });
      expect(sent.data?.reply.content).toBe(`Echo: Order ${i}`);
    }
  })();
  // While the first is writing, as a start by mistake would.
  await expect(start()).rejects.toThrow(inUse(dataDir, first.child.pid!));
  await writes;
  expect(owner()).toBe(note);

  await first.stop();
  expect(first.child.exitCode).toBe(0);
  const reopened = await start();
  expect(await conversationCount(reopened.url)).toBe(40);
});

it('takes over the folder of a server killed with SIGKILL, and then holds it itself', { timeout: 180_000 }, async () => {
  const { dataDir, start } = await setUp();
  const killed = await start();
  await mutate(killed.url, 'chat.send', { message: 'Before the crash' });
  await killed.stop('SIGKILL');

  const next = await start();
  expect(await conversationCount(next.url)).toBe(1);
  await expect(start()).rejects.toThrow(inUse(dataDir, next.child.pid!));
});

// Ctrl-C or a deploy while a turn runs: SIGTERM stops new requests at once, lets the running turn
// finish within SWITCHBOARD_SHUTDOWN_GRACE_MS and exits 0; a turn still running when the grace
// period ends is failed as INTERRUPTED (retryable) rather than left "running".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { TurnDto } from '../../server/routers/dto.ts';
import { gate } from '../support/browser.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(graceMs: number) {
  const hold = gate();
  const fake = await startFakeOpenAI(
    plannedTurns([{ route: 'Producing', reply: 'Step one: list your suppliers.', hold: { afterWords: 2, until: hold.until } }]),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-shutdown-'));
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => fake.close(),
  );
  const env = {
    SWITCHBOARD_DATA_DIR: dataDir,
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    SWITCHBOARD_SHUTDOWN_GRACE_MS: String(graceMs),
  };
  const server = await startServer(env);
  cleanups.push(() => server.stop('SIGKILL'));
  return { hold, fake, env, server };
}

/** Starts a send and resolves once the expert's answer is streaming (and held). */
async function sendAndHold(server: ServerProcess, fake: FakeOpenAI) {
  const sent = mutate<{ reply: { content: string }; turn: TurnDto }>(server.url, 'chat.send', {
    message: 'Plan my production week',
  });
  sent.catch(() => {});
  await expect.poll(() => fake.firstTextAt.length, { timeout: 20_000 }).toBe(1);
  return { sent }; // wrapped: an async function returning a promise would wait for it
}

const exitCode = (server: ServerProcess) =>
  new Promise<number | null>((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
  });

async function turnsAfterRestart(env: Record<string, string>): Promise<TurnDto[]> {
  const again = await startServer(env);
  cleanups.push(() => again.stop());
  expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
  const list = await query<{ items: { id: string }[] }>(again.url, 'conversations.list', {});
  expect(list.data?.items).toHaveLength(1);
  const history = await query<{ turns: TurnDto[] }>(again.url, 'chat.history', { conversationId: list.data!.items[0]!.id });
  return history.data!.turns;
}

it('lets a running turn finish after SIGTERM, refuses new work meanwhile, and exits 0', async () => {
  const { hold, fake, env, server } = await setUp(30_000);
  const { sent } = await sendAndHold(server, fake);
  server.child.kill('SIGTERM');
  await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/waiting for running turns to finish/);

  // A new turn is not started.
  const late = await mutate(server.url, 'chat.send', { message: 'one more' });
  expect(late.status).toBe(503);
  expect(late.error?.message).toBe('Switchboard is shutting down. Try again in a moment.');

  hold.open();
  const finished = await sent;
  expect(finished.data?.reply.content).toBe('Step one: list your suppliers.');
  expect(await exitCode(server)).toBe(0);
  expect(fake.requests).toHaveLength(2);

  const [turn, ...others] = await turnsAfterRestart(env);
  expect(others).toHaveLength(0);
  expect(turn).toMatchObject({ status: 'completed', error: null });
});

it('fails a turn still running when the grace period ends as INTERRUPTED, and exits 0', async () => {
  const { fake, env, server } = await setUp(1_000);
  const { sent } = await sendAndHold(server, fake);
  const stoppedAt = performance.now();
  server.child.kill('SIGTERM');
  expect(await exitCode(server)).toBe(0);
  expect(performance.now() - stoppedAt).toBeLessThan(15_000);
  await sent.catch(() => {});
  expect(server.output()).toMatch(/turns still running at shutdown were marked interrupted/);

  const [turn] = await turnsAfterRestart(env);
  expect(turn).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
});

it('writes the title of a chat started just before SIGTERM within the grace period, then exits 0', async () => {
  const { hold, fake, env, server } = await setUp(30_000);
  const titled = gate();
  fake.setTitleResponder(async () => (await titled.until, { text: 'Production week plan' }));
  hold.open();
  const sent = await mutate<{ reply: { content: string } }>(server.url, 'chat.send', { message: 'Plan my production week' });
  expect(sent.data?.reply.content).toBe('Step one: list your suppliers.');
  await expect.poll(() => fake.titleRequests.length, { timeout: 10_000 }).toBe(1);

  server.child.kill('SIGTERM');
  // Still waiting for the title, not gone.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(server.child.exitCode).toBeNull();
  titled.open();
  expect(await exitCode(server)).toBe(0);

  const again = await startServer(env);
  cleanups.push(() => again.stop());
  const list = await query<{ items: { title: string }[] }>(again.url, 'conversations.list', {});
  expect(list.data?.items.map((item) => item.title)).toEqual(['Production week plan']);
});

// Stopping `npm start` as people do, during a slow reply: Ctrl-C in a terminal (the whole process
// group gets SIGINT, and npm forwards it to the server again), `kill -TERM -<pgid>` (systemd and
// most supervisors), SIGTERM to the server alone. Each is one stop request: the running turn
// finishes, is stored, and the process exits 0. A second Ctrl-C after SAME_REQUEST_MS still hurries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { type Launched, launchNpmStart } from '../../bench/footprint/launch.ts';
import { processTree } from '../../bench/footprint/process-tree.ts';
import type { TurnDto } from '../../server/routers/dto.ts';
import { SAME_REQUEST_MS } from '../../server/shutdown.ts';
import { gate } from '../support/browser.ts';
import { plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { startServer } from '../support/server-process.ts';

const REPLY = 'Step one: list your suppliers.';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `npm start` in a process group of its own, with a turn held mid-reply. */
async function startWithHeldTurn() {
  const hold = gate();
  const fake = await startFakeOpenAI(
    plannedTurns([{ route: 'Producing', reply: REPLY, hold: { afterWords: 2, until: hold.until } }]),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-signals-'));
  cleanups.push(
    () => rmSync(dataDir, { recursive: true, force: true }),
    () => fake.close(),
  );
  const env = { SWITCHBOARD_DATA_DIR: dataDir, OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-model' };
  const launched = await launchNpmStart({ ...env, SWITCHBOARD_SHUTDOWN_GRACE_MS: '60000' }, { detached: true });
  cleanups.push(() => killGroup(launched, 'SIGKILL'));
  const [, server] = processTree(launched.pid);
  const sent = mutate<{ reply: { content: string } }>(launched.url!, 'chat.send', { message: 'Plan my production week' });
  sent.catch(() => {});
  await expect.poll(() => fake.firstTextAt.length, { timeout: 30_000 }).toBe(1);
  return { hold, env, launched, serverPid: server!.pid, sent };
}

function killGroup(launched: Launched, signal: NodeJS.Signals): void {
  try {
    process.kill(-launched.pid, signal);
  } catch {
    // the group has exited
  }
}

async function storedTurns(env: Record<string, string>): Promise<TurnDto[]> {
  const again = await startServer(env);
  cleanups.push(() => again.stop());
  const list = await query<{ items: { id: string }[] }>(again.url, 'conversations.list', {});
  const history = await query<{ turns: TurnDto[] }>(again.url, 'chat.history', { conversationId: list.data!.items[0]!.id });
  return history.data!.turns;
}

const stops: [string, (launched: Launched, serverPid: number) => void][] = [
  ['Ctrl-C in a terminal (SIGINT to the group)', (launched) => killGroup(launched, 'SIGINT')],
  ['kill -TERM -<pgid>', (launched) => killGroup(launched, 'SIGTERM')],
  ['SIGTERM to the server alone', (_, serverPid) => process.kill(serverPid, 'SIGTERM')],
];

for (const [how, stop] of stops) {
  it(`lets the running turn finish and exits 0 after ${how}`, { timeout: 180_000 }, async () => {
    const { hold, env, launched, serverPid, sent } = await startWithHeldTurn();
    stop(launched, serverPid);
    await expect.poll(() => launched.output(), { timeout: 10_000 }).toMatch(/waiting for running turns to finish/);
    // Every copy of the signal has arrived by now; none of them may count as a second request.
    await sleep(1_000);
    hold.open();
    expect((await sent).data?.reply.content).toBe(REPLY);
    expect(await launched.exited).toBe(0);
    expect(launched.output()).not.toMatch(/second stop signal|marked interrupted/);
    expect(processTree(serverPid)).toEqual([]);

    const [turn, ...others] = await storedTurns(env);
    expect(others).toHaveLength(0);
    expect(turn).toMatchObject({ status: 'completed', error: null });
  });
}

it('stops waiting at a second Ctrl-C pressed later, failing the turn as INTERRUPTED, and exits 0', {
  timeout: 180_000,
}, async () => {
  const { env, launched, sent } = await startWithHeldTurn();
  killGroup(launched, 'SIGINT');
  await expect.poll(() => launched.output(), { timeout: 10_000 }).toMatch(/waiting for running turns to finish/);
  await sleep(SAME_REQUEST_MS + 500);
  killGroup(launched, 'SIGINT');
  expect(await launched.exited).toBe(0);
  await sent.catch(() => {});
  expect(launched.output()).toMatch(/second stop signal: not waiting for running turns any longer/);

  const [turn] = await storedTurns(env);
  expect(turn).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
});

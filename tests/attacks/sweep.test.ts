// The sweep: every instance, every SWITCHBOARD_SWEEP_MS, fails running turns whose conversation
// nobody holds, so a database cut in the middle of a turn never leaves it "running"; a turn some
// live instance is running is never touched, and on PGlite the sweep is harmless.

import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTurn } from '../../db/queries/turns.ts';
import { turnEvents } from '../../db/schema.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { startTurn } from '../../server/turns/start-turn.ts';
import { startSweep } from '../../server/turns/sweep.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { echoSteps, gate, heldEcho } from '../support/echo-model.ts';
import { plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { startServer } from '../support/server-process.ts';
import { startTcpProxy, throughProxy } from '../support/tcp-proxy.ts';
import type { DriverKind } from '../support/test-db.ts';
import { createThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';

const SWEEP_MS = 100;
const quiet = pino({ level: 'silent' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<DriverKind>(['pglite', 'postgres'])('the sweep on %s', (kind) => {
  let a: Instance;
  let b: Instance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ a, b, close } = await twoInstances(kind));
  });
  afterAll(() => close());

  it("fails a turn nobody holds within an interval, leaves a live instance's turn alone, and the live turn completes", async () => {
    const ha = chatHarness(a.database, { lock: a.lock });
    const held = heldEcho(ha.team);
    ha.script(...held.steps);
    const live = ha.api.chat.send({ message: 'A long plan, please' });
    await held.reached;
    const liveTurnId = ha.chat.running.list()[0]!.turnId;
    // Written like a turn by a process that then died: nobody holds its conversation.
    const orphan = await startTurn(a.database.db, {
      message: 'Cut off',
      newConversationId: crypto.randomUUID(),
      tokens: countTokens('Cut off'),
    });

    const sweep = startSweep({ db: b.database.db, lock: b.lock, logger: quiet }, SWEEP_MS);
    try {
      await expect
        .poll(() => findTurn(a.database.db, orphan.turn.id), { timeout: 5_000 })
        .toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
      await pause(5 * SWEEP_MS);
      expect(await findTurn(a.database.db, liveTurnId)).toMatchObject({ status: 'running' });
    } finally {
      await sweep.stop();
    }
    held.release();
    expect((await live).turn).toMatchObject({ id: liveTurnId, status: 'completed' });

    const hb = chatHarness(b.database, { lock: b.lock });
    hb.script(...echoSteps(hb.team, 1));
    expect((await hb.api.chat.retry({ turnId: orphan.turn.id })).turn.status).toBe('completed');
  });

  // PGlite shares no events (one process owns it), so only Postgres has any to keep.
  it.skipIf(kind === 'pglite')(
    "writes a turn's live events only once another instance watches it, keeps them for resuming watchers, then clears them",
    async () => {
      const ha = chatHarness(a.database, { lock: a.lock });
      const hb = chatHarness(b.database, { lock: b.lock });
      await Promise.all([ha.chat.live.ready, hb.chat.live.ready]);
      /** A turn on a, held until b's watcher has read its first event (the running instance wrote it). */
      const watchedTurn = async (message: string) => {
        const held = heldEcho(ha.team);
        ha.script(...held.steps);
        const sending = ha.api.chat.send({ message });
        await held.reached;
        const turnId = ha.chat.running.list()[0]!.turnId;
        for await (const _ of await hb.api.chat.watch({ turnId })) break;
        held.release();
        return sending;
      };
      ha.script(...echoSteps(ha.team, 1));
      const unwatched = await ha.api.chat.send({ message: 'Who buys candles?' });
      const kept = await watchedTurn('Name my candle shop');
      const gone = await watchedTurn('Price my candles');
      await ha.api.conversations.delete({ conversationId: gone.conversationId });
      const stored = async (turnId: string) =>
        (await a.database.db.select({ seq: turnEvents.seq }).from(turnEvents).where(eq(turnEvents.turnId, turnId))).length;
      await pause(300); // the turns' last batches and their ends have been shared by now
      expect(await stored(unwatched.turn.id)).toBe(0);
      expect(await stored(kept.turn.id)).toBeGreaterThan(0);
      // A sweep clears them once the turn has been over for an interval, or is gone.
      const sweep = startSweep({ db: b.database.db, lock: b.lock, logger: quiet }, SWEEP_MS);
      try {
        await expect.poll(async () => (await stored(kept.turn.id)) + (await stored(gone.turn.id)), { timeout: 5_000 }).toBe(0);
      } finally {
        await sweep.stop();
      }
    },
  );
});

describe('a database cut in the middle of a turn (real server, Postgres behind a proxy)', () => {
  it('leaves no turn running once the database is back, stores no reply, keeps serving, and the turn retries', async () => {
    const throwaway = await createThrowawayPostgres();
    const target = new URL(throwaway.url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const hold = gate();
    const fake = await startFakeOpenAI(
      plannedTurns([
        { route: 'Media', reply: 'Post a reel every Friday.', hold: { afterWords: 2, until: hold.promise } },
        { route: 'Media', reply: 'Post on Friday evening.' },
      ]),
    );
    const server = await startServer({
      DATABASE_URL: throughProxy(throwaway.url, proxy),
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'fake-model',
      SWITCHBOARD_SWEEP_MS: '300',
    });
    try {
      const sending = mutate(server.url, 'chat.send', { message: 'When should I post?' });
      await expect.poll(() => fake.firstTextAt.length, { timeout: 20_000 }).toBe(1);
      proxy.cut();
      const cut = await sending;
      expect(cut.error?.data.code).toBe('SERVICE_UNAVAILABLE');
      await pause(1_000); // a few sweeps meet the outage
      proxy.restore();
      hold.open();

      const list = await query<{ items: { id: string }[] }>(server.url, 'conversations.list', {});
      const conversationId = list.data!.items[0]!.id;
      const history = () => query<{ messages: MessageDto[]; turns: TurnDto[] }>(server.url, 'chat.history', { conversationId });
      await expect.poll(async () => (await history()).data?.turns.map((t) => t.status), { timeout: 10_000 }).toEqual(['failed']);
      const after = (await history()).data!;
      expect(after.turns[0]).toMatchObject({ error: { code: 'INTERRUPTED' } });
      expect(after.messages.map((m) => m.role)).toEqual(['user']);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(server.output()).toMatch(/sweep for interrupted turns failed; trying again later/);
      expect(server.output()).toMatch(/running turns nobody holds were marked interrupted/);

      const retried = await mutate<{ turn: TurnDto; reply: MessageDto }>(server.url, 'chat.retry', {
        turnId: after.turns[0]!.id,
      });
      expect(retried.data).toMatchObject({ turn: { status: 'completed' }, reply: { content: 'Post on Friday evening.' } });
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).not.toMatch(/uncaught|unhandled/i);
    } finally {
      await server.stop();
      await fake.close();
      await proxy.close();
      await throwaway.drop();
    }
  });
});

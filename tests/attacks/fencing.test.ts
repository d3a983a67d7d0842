// Fencing: a turn that lost its conversation's lock (its Postgres session was killed, reset or went
// silent) stops its model call, fails as LOCK_LOST (retryable) and is never written completed
// afterwards; the server keeps answering. (The late-write fence itself: integration/turn-fence.)
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { AdvisoryLock } from '../../server/locks/advisory-lock.ts';
import { conversationKey } from '../../server/locks/turn-lock.ts';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { echoSteps, gate } from '../support/echo-model.ts';
import { plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { startServer } from '../support/server-process.ts';
import { repliesIn } from '../support/stored-turns.ts';
import { startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

type PostgresDatabase = Extract<Database, { kind: 'postgres' }>;

describe('a turn whose lock session breaks (Postgres, lock session behind a proxy)', () => {
  let throwaway: ThrowawayPostgres;
  let database: PostgresDatabase;
  let lockSide: PostgresDatabase;
  let proxy: TcpProxy;
  const pingMs = 150;

  beforeAll(async () => {
    throwaway = await createThrowawayPostgres();
    database = (await openDatabase({ kind: 'postgres', url: throwaway.url, poolSize: 3, lockPoolSize: 2 })) as PostgresDatabase;
    await migrate(database);
    const target = new URL(throwaway.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    // Only the lock sessions go through the proxy: queries keep working, so what is seen is the fence.
    lockSide = (await openDatabase({
      kind: 'postgres',
      url: throughProxy(throwaway.url, proxy),
      lockPoolSize: 2,
    })) as PostgresDatabase;
  });
  afterAll(async () => {
    await lockSide?.close();
    await proxy?.close();
    await database?.close();
    await throwaway?.drop();
  });

  /** A turn held mid-answer; the model call honours its abort signal, as the OpenAI client does. */
  async function heldTurn() {
    const h = chatHarness(database, { lock: new AdvisoryLock(lockSide.lockPool, { pingMs }) });
    const reached = gate();
    const answer = gate();
    let modelAborted = false;
    h.script(
      ...echoSteps(h.team, 1, {
        hold: async (call) => {
          reached.open();
          const signal = call.request.signal!;
          await Promise.race([answer.promise, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
          modelAborted = signal.aborted;
        },
      }),
    );
    const sending = h.api.chat.send({ message: 'Draft a production plan' });
    sending.catch(() => {});
    await reached.promise;
    const turnId = h.chat.running.list()[0]!.turnId;
    return { sending, answer, turnId, modelAborted: () => modelAborted };
  }

  async function expectLockLost(turn: Awaited<ReturnType<typeof heldTurn>>) {
    const error = await rejection(turn.sending);
    expect(error).toMatchObject({
      code: 'BAD_GATEWAY',
      message: expect.stringMatching(/connection to the database dropped.*retry/i),
    });
    expect(turn.modelAborted()).toBe(true);
    turn.answer.open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stored = (await findTurn(database.db, turn.turnId))!;
    expect(stored).toMatchObject({ status: 'failed', errorCode: 'LOCK_LOST' });
    expect(await repliesIn(database, stored.conversationId)).toEqual([]);
    // Nobody is left holding the conversation (Postgres ends the session as its socket closes).
    const other = new AdvisoryLock(database.lockPool);
    await expect
      .poll(
        async () => {
          const held = await other.tryAcquire(conversationKey(stored.conversationId));
          await held?.release();
          return held !== null;
        },
        { timeout: 2_000 },
      )
      .toBe(true);
    return stored;
  }

  it('stops the run when the lock connection is cut, fails the turn as LOCK_LOST, and a retry completes it', async () => {
    const turn = await heldTurn();
    proxy.cut();
    const stored = await expectLockLost(turn);
    proxy.restore();

    const h = chatHarness(database);
    h.script(...echoSteps(h.team, 1));
    const retried = await h.api.chat.retry({ turnId: stored.id });
    expect(retried.turn.status).toBe('completed');
    expect((await repliesIn(database, stored.conversationId)).map((m) => m.content)).toEqual(['Re: Draft a production plan']);
  });

  it('gives up a lock session that goes silent (no FIN, no RST) within two pings', async () => {
    const turn = await heldTurn();
    const frozenAt = performance.now();
    proxy.freeze();
    await expectLockLost(turn);
    expect(performance.now() - frozenAt).toBeLessThan(2 * pingMs + 1_000);
    proxy.restore();
  });
});

describe("the real server when Postgres kills a turn's lock session", () => {
  it('answers LOCK_LOST with the turn id, stores no reply, keeps serving, and the retry completes', async () => {
    const throwaway = await createThrowawayPostgres();
    const hold = gate();
    const fake = await startFakeOpenAI(
      plannedTurns([
        { route: 'Producing', reply: 'Week one: call your suppliers.', hold: { afterWords: 2, until: hold.promise } },
        { route: 'Producing', reply: 'Week one: order the wax.' },
      ]),
    );
    const server = await startServer({ DATABASE_URL: throwaway.url, OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-model' });
    const admin = new pg.Client({ connectionString: throwaway.url });
    await admin.connect();
    try {
      const sending = mutate<unknown>(server.url, 'chat.send', { message: 'Plan my production month' });
      await expect.poll(() => fake.firstTextAt.length, { timeout: 20_000 }).toBe(1);
      // An administrator, a failover or an idle timeout ends the session holding the advisory lock.
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())",
      );
      expect(killed.rowCount).toBe(1);

      const cut = await sending;
      expect(cut.status).toBe(502);
      expect(cut.error).toMatchObject({
        message: expect.stringMatching(/connection to the database dropped/i),
        data: { code: 'BAD_GATEWAY' },
      });
      const turnId = cut.error!.data.turnId!;
      hold.open(); // the model's late words must go nowhere
      await new Promise((resolve) => setTimeout(resolve, 300));

      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const list = await query<{ items: { id: string }[] }>(server.url, 'conversations.list', {});
      const conversationId = list.data!.items[0]!.id;
      const history = await query<{ messages: MessageDto[]; turns: TurnDto[] }>(server.url, 'chat.history', { conversationId });
      expect(history.data!.turns).toMatchObject([{ id: turnId, status: 'failed', error: { code: 'LOCK_LOST' } }]);
      expect(history.data!.messages.map((m) => m.role)).toEqual(['user']);

      const retried = await mutate<{ turn: TurnDto; reply: MessageDto }>(server.url, 'chat.retry', { turnId });
      expect(retried.data).toMatchObject({
        turn: { id: turnId, status: 'completed' },
        reply: { content: 'Week one: order the wax.' },
      });
      expect(server.output()).not.toMatch(/uncaught|unhandled/i);
    } finally {
      await admin.end();
      await server.stop();
      await fake.close();
      await throwaway.drop();
    }
  });
});

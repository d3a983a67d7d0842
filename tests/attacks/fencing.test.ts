// Fencing: a turn that lost its conversation's lock (its Postgres session was killed, reset or went
// silent) stops, fails as LOCK_LOST (retryable) and can never later be written completed; a late
// finish or failure from a run that no longer owns its turn changes nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { failTurn, findTurn, reopenTurn } from '../../db/queries/turns.ts';
import { messages } from '../../db/schema.ts';
import { AdvisoryLock } from '../../server/locks/advisory-lock.ts';
import { conversationKey } from '../../server/locks/turn-lock.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { settleInterruptedTurns } from '../../server/turns/interrupted-turns.ts';
import { startTurn } from '../../server/turns/start-turn.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { echoSteps, gate } from '../support/echo-model.ts';
import { startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDatabase, postgresUrl, type DriverKind } from '../support/test-db.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

type PostgresDatabase = Extract<Database, { kind: 'postgres' }>;

const record = {
  agents: ['Orchestrator', 'Producing'],
  handoffs: [],
  tools: [],
  agentUsage: [],
  consults: [],
  inputTokens: 1,
  outputTokens: 1,
  memoryTokens: 0,
  latencyMs: 1,
  model: 'scripted',
};

async function openedTurn(database: Database, message = 'Plan my week') {
  const started = await startTurn(database.db, { message, newConversationId: crypto.randomUUID(), tokens: countTokens(message) });
  const reply = (content: string) => ({
    id: crypto.randomUUID(),
    conversationId: started.conversation.id,
    content,
    agent: 'Producing',
    tokens: 2,
    createdAt: new Date(),
  });
  return { ...started, reply };
}

const replies = (database: Database, conversationId: string) =>
  database.db.select().from(messages).where(eq(messages.conversationId, conversationId)).then((rows) => rows.filter((m) => m.role === 'assistant'));

describe.each<DriverKind>(postgresUrl ? ['pglite', 'postgres'] : ['pglite'])('late writes from a run that lost its turn (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('does not store a finish after someone else failed the turn', async () => {
    const { turn, conversation, reply } = await openedTurn(database);
    expect(await settleInterruptedTurns(database.db, conversation.id)).toBe(1);

    const run = { turnId: turn.id, attempt: turn.attempt };
    const finishedAt = new Date();
    expect(await finishTurn(database.db, { reply: reply('A late answer'), run, record, finishedAt })).toBe(false);
    expect(await failTurn(database.db, run, { errorCode: 'LOCK_LOST', errorMessage: 'late' })).toBe(false);

    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    expect(await replies(database, conversation.id)).toEqual([]);
  });

  it('keeps an earlier attempt from finishing or failing the retry that reran its turn', async () => {
    const { turn, conversation, reply } = await openedTurn(database);
    const first = { turnId: turn.id, attempt: turn.attempt };
    await settleInterruptedTurns(database.db, conversation.id);
    const rerun = (await reopenTurn(database.db, turn.id))!;
    expect(rerun).toMatchObject({ status: 'running', attempt: first.attempt + 1 });

    expect(await failTurn(database.db, first, { errorCode: 'LOCK_LOST', errorMessage: 'late' })).toBe(false);
    expect(await finishTurn(database.db, { reply: reply('Stale answer'), run: first, record, finishedAt: new Date() })).toBe(false);
    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'running', attempt: rerun.attempt });

    const second = { turnId: turn.id, attempt: rerun.attempt };
    expect(await finishTurn(database.db, { reply: reply('Fresh answer'), run: second, record, finishedAt: new Date() })).toBe(true);
    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'completed', errorCode: null });
    expect((await replies(database, conversation.id)).map((m) => m.content)).toEqual(['Fresh answer']);
  });
});

describe.skipIf(!postgresUrl)('a turn whose lock session breaks (Postgres, lock session behind a proxy)', () => {
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
    lockSide = (await openDatabase({ kind: 'postgres', url: throughProxy(throwaway.url, proxy), lockPoolSize: 2 })) as PostgresDatabase;
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
    expect(error).toMatchObject({ code: 'BAD_GATEWAY', message: expect.stringMatching(/connection to the database dropped.*retry/i) });
    expect(turn.modelAborted()).toBe(true);
    turn.answer.open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stored = (await findTurn(database.db, turn.turnId))!;
    expect(stored).toMatchObject({ status: 'failed', errorCode: 'LOCK_LOST' });
    expect(await replies(database, stored.conversationId)).toEqual([]);
    // Nobody is left holding the conversation (Postgres ends the session as its socket closes).
    const other = new AdvisoryLock(database.lockPool);
    await expect.poll(async () => {
      const held = await other.tryAcquire(conversationKey(stored.conversationId));
      await held?.release();
      return held !== null;
    }, { timeout: 2_000 }).toBe(true);
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
    expect((await replies(database, stored.conversationId)).map((m) => m.content)).toEqual(['Re: Draft a production plan']);
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

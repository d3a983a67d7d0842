// One turn at a time per conversation, across server instances sharing one database.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { conversations, messages, turns } from '../../db/schema.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { startOnce } from '../../server/turns/idempotency.ts';
import { recoverInterruptedTurns } from '../../server/turns/interrupted-turns.ts';
import { type StartInput, startTurn } from '../../server/turns/start-turn.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { echoOf, echoSteps, gate, heldEcho } from '../support/echo-model.ts';
import { inputTexts } from '../support/scripted-runtime.ts';
import { scriptedRecord } from '../support/stored-turns.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances, untilSomeQueryWaitsForALock } from '../support/two-instances.ts';

/** A send as the turn stores it. */
const start = (input: { conversationId?: string; message: string; clientMessageId?: string }): StartInput => ({
  ...input,
  newConversationId: crypto.randomUUID(),
  tokens: countTokens(input.message),
});

export function turnLockSuite(kind: DriverKind) {
  let a: Instance;
  let b: Instance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ a, b, close } = await twoInstances(kind));
  });
  afterAll(() => close());

  const harness = (instance: Instance) => chatHarness(instance.database, { lock: instance.lock });
  const rowCounts = async () => {
    const { db } = a.database;
    return {
      conversations: (await db.select({ n: count() }).from(conversations))[0]!.n,
      messages: (await db.select({ n: count() }).from(messages))[0]!.n,
      turns: (await db.select({ n: count() }).from(turns))[0]!.n,
    };
  };

  it('runs concurrent sends to one conversation one at a time, each seeing every earlier reply', async () => {
    const [ha, hb] = [harness(a), harness(b)];
    ha.script(...echoSteps(ha.team, 4));
    hb.script(...echoSteps(hb.team, 3));
    const { conversationId } = await ha.api.chat.send({ message: 'm0' });

    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => (n % 2 ? ha : hb).api.chat.send({ conversationId, message: `m${n}` })));

    const { messages: stored } = await ha.api.chat.history({ conversationId });
    expect(stored).toHaveLength(14);
    const order: string[] = [];
    for (let i = 0; i < stored.length; i += 2) {
      const [question, answer] = [stored[i]!, stored[i + 1]!];
      expect([question.role, answer.role]).toEqual(['user', 'assistant']);
      expect(answer.turnId).toBe(question.turnId);
      expect(answer.content).toBe(echoOf(question.content));
      order.push(question.content);
    }
    for (const call of [...ha.model.calls, ...hb.model.calls]) {
      if (call.request.handoffs.length === 0) continue;
      const texts = inputTexts(call.request.input);
      const position = order.indexOf(texts.at(-1)!);
      expect(texts.filter((t) => t.startsWith('Re: '))).toEqual(order.slice(0, position).map(echoOf));
    }
  });

  it('answers two racing copies of a message with one turn, stored once', async () => {
    const [ha, hb] = [harness(a), harness(b)];
    // Whichever instance wins a race runs the turn: script enough for either.
    ha.script(...echoSteps(ha.team, 3));
    hb.script(...echoSteps(hb.team, 2));
    const { conversationId } = await ha.api.chat.send({ message: 'hello' });
    const before = await rowCounts();

    const copy = { conversationId, message: 'Plan my week', clientMessageId: `race-${crypto.randomUUID()}` };
    const [x, y] = await Promise.all([ha.api.chat.send(copy), hb.api.chat.send(copy)]);
    expect(y).toEqual(x);
    expect(await rowCounts()).toEqual({ ...before, messages: before.messages + 2, turns: before.turns + 1 });

    const fresh = { message: 'A new conversation', clientMessageId: `race-${crypto.randomUUID()}` };
    const [p, q] = await Promise.all([ha.api.chat.send(fresh), hb.api.chat.send(fresh)]);
    expect(q).toEqual(p);
    expect(await rowCounts()).toEqual({
      conversations: before.conversations + 1,
      messages: before.messages + 4,
      turns: before.turns + 2,
    });
  });

  // PGlite has one connection: nothing can get between a resend check and its insert there.
  it.skipIf(kind === 'pglite')('answers a copy that raced past the resend check from the original', async () => {
    const h = harness(a);
    h.script(...echoSteps(h.team, 1));
    const { conversationId } = await h.api.chat.send({ message: 'hello' });
    const copy = { conversationId, message: 'Once only', clientMessageId: `unique-${crypto.randomUUID()}` };
    const written = gate();
    const commit = gate();
    const original = a.database.db.transaction(async (tx) => {
      const started = await startTurn(tx, start(copy));
      const reply = {
        id: crypto.randomUUID(),
        conversationId,
        turnId: started.turn.id,
        role: 'assistant' as const,
        content: 'Done, once.',
        agent: 'Producing',
        tokens: 3,
        createdAt: new Date(),
      };
      await finishTurn(tx, {
        reply,
        run: { turnId: started.turn.id, attempt: 1 },
        record: scriptedRecord,
        finishedAt: reply.createdAt,
      });
      const turn = (await findTurn(tx, started.turn.id))!;
      written.open();
      await commit.promise;
      return { turn, reply };
    });
    await written.promise;
    const racing = startOnce(b.database.db, start(copy));
    await untilSomeQueryWaitsForALock(b.database);
    commit.open();
    const { turn, reply } = await original;

    expect(await racing).toEqual({
      replay: { type: 'done', conversationId, turn, reply: expect.objectContaining(reply), attachments: [], documents: [] },
    });
    const copies = await a.database.db.select().from(messages).where(eq(messages.clientMessageId, copy.clientMessageId));
    expect(copies).toHaveLength(1);
  });

  it('fails turns a stopped process left running, but not turns a live instance is running', async () => {
    const [ha, hb] = [harness(a), harness(b)];
    const held = heldEcho(ha.team);
    ha.script(...held.steps);
    const live = ha.api.chat.send({ message: 'A long answer, please' });
    await held.reached;
    // An orphan: written like a turn, but by nobody holding its conversation (its process died).
    const orphan = await startTurn(a.database.db, start({ message: 'Interrupted question' }));

    expect(await recoverInterruptedTurns(b.database.db, b.lock)).toBe(1);
    expect(await findTurn(a.database.db, orphan.turn.id)).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });

    held.release();
    const answered = await live;
    expect(answered.turn.status).toBe('completed');

    hb.script(...echoSteps(hb.team, 1));
    const retried = await hb.api.chat.retry({ turnId: orphan.turn.id });
    expect(retried.turn).toMatchObject({ id: orphan.turn.id, status: 'completed' });
  });

  it('fails a turn left running when the next turn of its conversation starts', async () => {
    const h = harness(b);
    const orphan = await startTurn(a.database.db, start({ message: 'Cut off' }));
    h.script(...echoSteps(h.team, 2));
    await h.api.chat.send({ conversationId: orphan.conversation.id, message: 'Next question' });
    const [stored] = await a.database.db.select().from(turns).where(eq(turns.id, orphan.turn.id));
    expect(stored).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    expect((await h.api.chat.retry({ turnId: orphan.turn.id })).turn.status).toBe('completed');
  });
}

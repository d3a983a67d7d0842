// A turn's finish and failure are fenced: they apply only while the run writing them still owns
// the turn (running, same attempt). A run that lost its lock can never store a late answer next to
// a turn someone else failed, nor finish or fail the retry that reran it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { closeCancelledTurn } from '../../db/queries/cancel-turn.ts';
import { findConversation } from '../../db/queries/conversations.ts';
import { finishTurn } from '../../db/queries/finish-turn.ts';
import { failTurn, findTurn, reopenTurn } from '../../db/queries/turns.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { settleInterruptedTurns } from '../../server/turns/interrupted-turns.ts';
import { startTurn } from '../../server/turns/start-turn.ts';
import { repliesIn, scriptedRecord } from '../support/stored-turns.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

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

export function turnFenceSuite(kind: DriverKind) {
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
    expect(await finishTurn(database.db, { reply: reply('A late answer'), run, record: scriptedRecord, finishedAt })).toBe(false);
    expect(await failTurn(database.db, run, { errorCode: 'LOCK_LOST', errorMessage: 'late' })).toBe(false);

    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'failed', errorCode: 'INTERRUPTED' });
    expect(await repliesIn(database, conversation.id)).toEqual([]);
    expect((await findConversation(database.db, conversation.id))!.updatedAt).toEqual(conversation.updatedAt);
  });

  it('keeps an earlier attempt from finishing or failing the retry that reran its turn', async () => {
    const { turn, conversation, reply } = await openedTurn(database);
    const first = { turnId: turn.id, attempt: turn.attempt };
    await settleInterruptedTurns(database.db, conversation.id);
    const rerun = (await reopenTurn(database.db, turn.id))!;
    expect(rerun).toMatchObject({ status: 'running', attempt: first.attempt + 1 });

    expect(await failTurn(database.db, first, { errorCode: 'LOCK_LOST', errorMessage: 'late' })).toBe(false);
    expect(
      await finishTurn(database.db, { reply: reply('Stale answer'), run: first, record: scriptedRecord, finishedAt: new Date() }),
    ).toBe(false);
    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'running', attempt: rerun.attempt });

    const second = { turnId: turn.id, attempt: rerun.attempt };
    expect(
      await finishTurn(database.db, {
        reply: reply('Fresh answer'),
        run: second,
        record: scriptedRecord,
        finishedAt: new Date(),
      }),
    ).toBe(true);
    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'completed', errorCode: null });
    expect((await repliesIn(database, conversation.id)).map((m) => m.content)).toEqual(['Fresh answer']);
  });

  it('fences a cancel like a finish: an earlier attempt cannot stop the retry, and a cancelled turn reruns as the next attempt', async () => {
    const { turn, conversation, reply } = await openedTurn(database);
    const first = { turnId: turn.id, attempt: turn.attempt };
    const stopped = (content: string, run: typeof first) =>
      closeCancelledTurn(database.db, {
        reply: { ...reply(content), turnId: turn.id, role: 'assistant' },
        run,
        conversationId: conversation.id,
        record: scriptedRecord,
        finishedAt: new Date(),
      });
    expect(await stopped('Half an ans', first)).toMatchObject({ status: 'cancelled', attempt: first.attempt });
    expect(await stopped('Again', first)).toBeUndefined();

    const rerun = (await reopenTurn(database.db, turn.id))!;
    expect(rerun).toMatchObject({ status: 'running', attempt: first.attempt + 1, cancelRequestedAt: null });
    // The stopped reply goes with the reopen: the retry writes the turn's reply anew.
    expect(await repliesIn(database, conversation.id)).toEqual([]);
    expect(await stopped('Stale stop', first)).toBeUndefined();
    expect(await findTurn(database.db, turn.id)).toMatchObject({ status: 'running', attempt: rerun.attempt });

    const second = { turnId: turn.id, attempt: rerun.attempt };
    expect(
      await finishTurn(database.db, {
        reply: reply('Whole answer'),
        run: second,
        record: scriptedRecord,
        finishedAt: new Date(),
      }),
    ).toBe(true);
    expect((await repliesIn(database, conversation.id)).map((m) => [m.content, m.stopped])).toEqual([['Whole answer', false]]);
    expect(await reopenTurn(database.db, turn.id)).toBeUndefined();
  });
}

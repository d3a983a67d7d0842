import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { messages, turns, type TurnRow } from '../schema.ts';

export async function openTurn(db: Db, params: { id: string; conversationId: string; userMessageId: string }): Promise<TurnRow> {
  const [row] = await db.insert(turns).values({ ...params, status: 'running' }).returning();
  return row!;
}

export async function findTurn(db: Db, id: string): Promise<TurnRow | undefined> {
  const [row] = await db.select().from(turns).where(eq(turns.id, id));
  return row;
}

export async function findTurnByUserMessage(db: Db, userMessageId: string): Promise<TurnRow | undefined> {
  const [row] = await db.select().from(turns).where(eq(turns.userMessageId, userMessageId));
  return row;
}

export async function listTurns(db: Db, conversationId: string): Promise<TurnRow[]> {
  return db.select().from(turns).where(eq(turns.conversationId, conversationId)).orderBy(asc(turns.startedAt));
}

/**
 * Moves a failed or cancelled turn back to running; undefined when it was neither (someone else
 * took it). A stopped reply goes: the retry writes the turn's reply anew.
 */
export async function reopenTurn(db: Db, id: string): Promise<TurnRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(turns)
      .set({ status: 'running', errorCode: null, errorMessage: null, cancelRequestedAt: null, startedAt: sql`now()`, finishedAt: null })
      .where(and(eq(turns.id, id), inArray(turns.status, ['failed', 'cancelled'])))
      .returning();
    if (row) await tx.delete(messages).where(and(eq(messages.turnId, id), eq(messages.role, 'assistant')));
    return row;
  });
}

export type TurnRecord = Pick<
  TurnRow,
  'agents' | 'handoffs' | 'tools' | 'agentUsage' | 'consults' | 'inputTokens' | 'outputTokens' | 'memoryTokens' | 'latencyMs' | 'model'
>;

export async function failTurn(
  db: Db,
  id: string,
  failure: Partial<TurnRecord> & { errorCode: string; errorMessage: string },
): Promise<TurnRow> {
  const [row] = await db
    .update(turns)
    .set({ ...failure, status: 'failed', finishedAt: sql`now()` })
    .where(eq(turns.id, id))
    .returning();
  return row!;
}

/** Conversations with a turn still marked running: candidates for interrupted-turn recovery. */
export async function conversationsWithRunningTurns(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ id: turns.conversationId }).from(turns).where(eq(turns.status, 'running'));
  return rows.map((row) => row.id);
}

export async function failRunningTurns(
  db: Db,
  conversationId: string,
  failure: { errorCode: string; errorMessage: string },
): Promise<number> {
  const rows = await db
    .update(turns)
    .set({ ...failure, status: 'failed', finishedAt: sql`now()` })
    .where(and(eq(turns.conversationId, conversationId), eq(turns.status, 'running')))
    .returning({ id: turns.id });
  return rows.length;
}

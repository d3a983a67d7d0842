import { and, asc, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { files, messages, type TurnRow, turnEvents, turns } from '../schema.ts';

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
 * Moves a failed or cancelled turn back to running as its next attempt; undefined when it was
 * neither (someone else took it). A stopped reply and the images drawn with it go: the retry
 * writes the turn's reply anew.
 */
export async function reopenTurn(db: Db, id: string): Promise<TurnRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(turns)
      .set({
        status: 'running',
        attempt: sql`${turns.attempt} + 1`,
        errorCode: null,
        errorMessage: null,
        cancelRequestedAt: null,
        runState: null,
        approvals: [],
        startedAt: sql`now()`,
        finishedAt: null,
      })
      .where(and(eq(turns.id, id), inArray(turns.status, ['failed', 'cancelled'])))
      .returning();
    if (!row) return undefined;
    await tx.delete(messages).where(and(eq(messages.turnId, id), eq(messages.role, 'assistant')));
    await tx.delete(files).where(and(eq(files.turnId, id), eq(files.kind, 'image')));
    // The last attempt's live events: the new attempt numbers its own from 1.
    await tx.delete(turnEvents).where(eq(turnEvents.turnId, id));
    return row;
  });
}

export type TurnRecord = Pick<
  TurnRow,
  | 'agents'
  | 'handoffs'
  | 'route'
  | 'tools'
  | 'agentUsage'
  | 'consults'
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'outputTokens'
  | 'memoryTokens'
  | 'latencyMs'
  | 'model'
>;

/** One run of a turn: a finish or failure applies only to the run still in charge of the row. */
export type TurnRun = { turnId: string; attempt: number };

/** The row as long as this run still owns it: running, and not rerun since. Takes placeholders too. */
export const stillRunning = (run: { [K in keyof TurnRun]: TurnRun[K] | Placeholder }) =>
  and(eq(turns.id, run.turnId), eq(turns.status, 'running'), eq(turns.attempt, run.attempt));

/** False when the run no longer owns the turn (failed by a sweep or a later turn, or rerun). */
export async function failTurn(
  db: Db,
  run: TurnRun,
  failure: Partial<TurnRecord> & { errorCode: string; errorMessage: string },
): Promise<boolean> {
  const rows = await db
    .update(turns)
    .set({ ...failure, status: 'failed', finishedAt: sql`now()` })
    .where(stillRunning(run))
    .returning({ id: turns.id });
  return rows.length > 0;
}

/** Conversations with a turn still marked running: candidates for interrupted-turn recovery. */
export async function conversationsWithRunningTurns(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ id: turns.conversationId }).from(turns).where(eq(turns.status, 'running'));
  return rows.map((row) => row.id);
}

/** The update that fails a conversation's running turns; placeholders in, it can be prepared. */
export const failingRunningTurns = (
  db: Db,
  conversationId: string | Placeholder,
  failure: { errorCode: string | SQL; errorMessage: string | SQL },
) =>
  db
    .update(turns)
    .set({ ...failure, status: 'failed', finishedAt: sql`now()` })
    .where(and(eq(turns.conversationId, conversationId), eq(turns.status, 'running')))
    .returning({ id: turns.id });

export async function failRunningTurns(
  db: Db,
  conversationId: string,
  failure: { errorCode: string; errorMessage: string },
): Promise<number> {
  return (await failingRunningTurns(db, conversationId, failure)).length;
}

/** Adds what folding memory after a turn spent to that turn's memory cost (the fold ends after it). */
export async function addMemoryTokens(db: Db, turnId: string, tokens: number): Promise<void> {
  await db
    .update(turns)
    .set({ memoryTokens: sql`${turns.memoryTokens} + ${tokens}` })
    .where(eq(turns.id, turnId));
}

// The user's corrections of the Orchestrator's choice, and the turns they corrected with their context.
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, type TurnRow, turns } from '../schema.ts';

/** `expected` null clears the flag. */
export async function setRoutingFlag(db: Db, turnId: string, expected: string | null): Promise<TurnRow | undefined> {
  const [row] = await db
    .update(turns)
    .set({ flaggedExpert: expected, flaggedAt: expected ? sql`now()` : null })
    .where(eq(turns.id, turnId))
    .returning();
  return row;
}

export type FlaggedTurn = {
  turnId: string;
  conversationId: string;
  message: string;
  expected: string;
  /** The expert whose reply the user corrected. */
  answeredBy: string | null;
  userMessageSeq: number;
};

/** Oldest flag first, so a saved case file grows at its end; with a business, only its conversations'. */
export async function flaggedTurns(db: Db, businessId?: string): Promise<FlaggedTurn[]> {
  return db
    .select({
      turnId: turns.id,
      conversationId: turns.conversationId,
      message: messages.content,
      expected: sql<string>`${turns.flaggedExpert}`,
      // Qualified by hand: inside a subquery drizzle renders bare column names.
      answeredBy: sql<
        string | null
      >`(select r.agent from messages r where r.turn_id = "turns"."id" and r.role = 'assistant' limit 1)`,
      userMessageSeq: messages.seq,
    })
    .from(turns)
    .innerJoin(messages, eq(messages.id, turns.userMessageId))
    .innerJoin(conversations, eq(conversations.id, turns.conversationId))
    .where(and(isNotNull(turns.flaggedAt), businessId ? eq(conversations.businessId, businessId) : undefined))
    .orderBy(asc(turns.flaggedAt), asc(turns.id));
}

export type HistoryMessage = { role: 'user' | 'assistant'; content: string };

/**
 * The newest `limit` messages of completed turns before the flagged one (after a memory reset
 * only what the model could still see), oldest first: each a user message with its reply.
 */
export async function historyBefore(db: Db, flagged: FlaggedTurn, limit: number): Promise<HistoryMessage[]> {
  const completed = db
    .select({ id: turns.id })
    .from(turns)
    .where(and(eq(turns.conversationId, flagged.conversationId), eq(turns.status, 'completed')));
  const rows = await db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, flagged.conversationId),
        lt(messages.seq, flagged.userMessageSeq),
        inArray(messages.turnId, completed),
        // Compared in SQL: timestamps keep microseconds there, a JS Date only milliseconds.
        sql`${messages.createdAt} >= coalesce((select c.memory_from from conversations c where c.id = ${flagged.conversationId}), '-infinity')`,
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(limit);
  return rows.reverse();
}

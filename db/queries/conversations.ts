import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ConversationRow, conversations } from '../schema.ts';
import { defaultBusinessId } from './businesses.ts';

/**
 * `id` lets a caller lock a conversation before it exists; without it the database picks one.
 * Without `businessId` the conversation belongs to the default business.
 */
export async function createConversation(db: Db, title: string, id?: string, businessId?: string): Promise<ConversationRow> {
  const business = businessId ?? defaultBusinessId;
  const [row] = await db.insert(conversations).values({ title, id, businessId: business }).returning();
  return row!;
}

export async function findConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  return row;
}

/**
 * Sets the memory boundary: nothing before it reaches a model again, the summary included.
 * Memory reads start after summary_through_seq, so moving it to the newest message keeps them
 * from scanning the forgotten history.
 */
export async function resetMemory(db: Db, id: string): Promise<Date> {
  const [row] = await db
    .update(conversations)
    .set({
      memoryFrom: sql`now()`,
      summary: '',
      summaryTokens: 0,
      summaryThrough: null,
      summaryThroughSeq: sql`coalesce((select max(m.seq) from messages m where m.conversation_id = ${id}), 0)`,
    })
    .where(eq(conversations.id, id))
    .returning({ memoryFrom: conversations.memoryFrom });
  return row!.memoryFrom!;
}

export type NewSummary = {
  summary: string;
  summaryTokens: number;
  /** The last message folded in. */
  through: { id: string; seq: number };
};

/**
 * Stores a summary that extends the one read at `fromSeq`, unless the conversation moved on
 * meanwhile: a reset after the folded messages were written, or another summary stored first.
 * Undefined when it did not apply.
 */
export async function storeSummary(
  db: Db,
  params: { id: string; fromSeq: number; firstFoldedId: string } & NewSummary,
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .update(conversations)
    .set({
      summary: params.summary,
      summaryTokens: params.summaryTokens,
      summaryThrough: params.through.id,
      summaryThroughSeq: params.through.seq,
    })
    .where(
      and(
        eq(conversations.id, params.id),
        eq(conversations.summaryThroughSeq, params.fromSeq),
        // Compared in SQL: timestamps keep microseconds there, a JS Date only milliseconds.
        sql`(${conversations.memoryFrom} is null or ${conversations.memoryFrom} <= (select m.created_at from messages m where m.id = ${params.firstFoldedId}))`,
      ),
    )
    .returning();
  return row;
}

/** Oldest first. */
export async function conversationIdsOf(db: Db, businessId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.businessId, businessId))
    .orderBy(conversations.createdAt, conversations.id);
  return rows.map((row) => row.id);
}

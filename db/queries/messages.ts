import { and, asc, desc, eq, gt, gte, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { messages, type MessageRow } from '../schema.ts';

export type NewMessage = typeof messages.$inferInsert;

export async function insertMessage(db: Db, message: NewMessage): Promise<MessageRow> {
  const [row] = await db.insert(messages).values(message).returning();
  return row!;
}

export async function findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(messages).where(eq(messages.id, id));
  return row;
}

/** A client's message id is unique per conversation; without one, the newest match anywhere. */
export async function findByClientMessageId(
  db: Db,
  clientMessageId: string,
  conversationId?: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.clientMessageId, clientMessageId),
        eq(messages.role, 'user'),
        conversationId ? eq(messages.conversationId, conversationId) : undefined,
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(1);
  return row;
}

export async function listMessages(db: Db, conversationId: string): Promise<MessageRow[]> {
  return db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.seq));
}

export async function findReply(db: Db, turnId: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.turnId, turnId), eq(messages.role, 'assistant')));
  return row;
}

export type MemoryMessage = Pick<MessageRow, 'id' | 'seq' | 'role' | 'content' | 'tokens'>;

/**
 * Newest-first page of the messages a model may see: at or after the memory boundary and
 * before `beforeSeq`. Paging keeps the read bounded by the budget, not the history.
 */
export async function memoryPage(
  db: Db,
  params: { conversationId: string; memoryFrom: Date | null; afterSeq: number; beforeSeq: number; limit: number },
): Promise<MemoryMessage[]> {
  return db
    .select({ id: messages.id, seq: messages.seq, role: messages.role, content: messages.content, tokens: messages.tokens })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, params.conversationId),
        params.memoryFrom ? gte(messages.createdAt, params.memoryFrom) : undefined,
        gt(messages.seq, params.afterSeq),
        lt(messages.seq, params.beforeSeq),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(params.limit);
}

/**
 * Oldest-first page of the messages the summary has not covered yet, before `beforeSeq`:
 * the summarizer folds them in. Starts right after the summary, so it never rereads the history.
 */
export async function unsummarizedPage(
  db: Db,
  params: { conversationId: string; memoryFrom: Date | null; afterSeq: number; beforeSeq: number; limit: number },
): Promise<MemoryMessage[]> {
  return db
    .select({ id: messages.id, seq: messages.seq, role: messages.role, content: messages.content, tokens: messages.tokens })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, params.conversationId),
        params.memoryFrom ? gte(messages.createdAt, params.memoryFrom) : undefined,
        gt(messages.seq, params.afterSeq),
        lt(messages.seq, params.beforeSeq),
      ),
    )
    .orderBy(asc(messages.seq))
    .limit(params.limit);
}

import { and, asc, desc, eq, getTableColumns, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { preparedFor } from '../prepared.ts';
import { conversations, type MessageRow, messages } from '../schema.ts';

export type NewMessage = typeof messages.$inferInsert;

// The search document is Postgres's to read: leaving it out keeps every message read its own size.
const { search: _search, ...messageColumns } = getTableColumns(messages);

export { messageColumns };

export async function findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select(messageColumns).from(messages).where(eq(messages.id, id));
  return row;
}

/** A client's message id is unique per conversation; without one, the newest match anywhere. */
export async function findByClientMessageId(
  db: Db,
  clientMessageId: string,
  conversationId?: string,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .select(messageColumns)
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
  return db.select(messageColumns).from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.seq));
}

export async function findReply(db: Db, turnId: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.turnId, turnId), eq(messages.role, 'assistant')));
  return row;
}

export type MemoryMessage = Pick<MessageRow, 'id' | 'seq' | 'role' | 'content' | 'tokens'>;

export type MemoryPageParams = {
  conversationId: string;
  afterSeq: number;
  beforeSeq: number;
  limit: number;
  order: 'newest-first' | 'oldest-first';
};

type PageOrder = MemoryPageParams['order'];
const param = sql.placeholder;

/**
 * One page of the messages a model may see: at or after the conversation's memory boundary (its
 * memory_from, read here), after `afterSeq` (the summary's end) and before `beforeSeq`.
 * Newest-first fills the window, oldest-first feeds the Summarizer; either way the
 * (conversation_id, seq) index bounds the read by the page size, not the history. Its values are
 * placeholders (named as in MemoryPageParams), so it can be prepared, and its plan read.
 */
export function memoryPageQuery(db: Db, order: PageOrder) {
  return db
    .select({ id: messages.id, seq: messages.seq, role: messages.role, content: messages.content, tokens: messages.tokens })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, param('conversationId')),
        sql`${messages.createdAt} >= coalesce((select c.memory_from from ${conversations} c where c.id = ${param('conversationId')}), '-infinity')`,
        gt(messages.seq, param('afterSeq')),
        lt(messages.seq, param('beforeSeq')),
      ),
    )
    .orderBy(order === 'newest-first' ? desc(messages.seq) : asc(messages.seq))
    .limit(param('limit'));
}

/** Prepared: every turn reads at least one page. */
const pages = {
  'newest-first': preparedFor((db) => memoryPageQuery(db, 'newest-first').prepare('memory_page_newest_first')),
  'oldest-first': preparedFor((db) => memoryPageQuery(db, 'oldest-first').prepare('memory_page_oldest_first')),
};

export function memoryPage(db: Db, params: MemoryPageParams): Promise<MemoryMessage[]> {
  return pages[params.order](db).execute(params);
}

import { and, desc, eq, exists, ilike, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, turns, type ConversationRow } from '../schema.ts';

/** `id` lets a caller lock a conversation before it exists; without it the database picks one. */
export async function createConversation(db: Db, title: string, id?: string): Promise<ConversationRow> {
  const [row] = await db.insert(conversations).values({ title, id }).returning();
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

export type TurnStatus = 'running' | 'completed' | 'failed' | 'cancelled';
export type ConversationListItem = {
  id: string;
  title: string;
  updatedAt: Date;
  agents: string[];
  /** How the newest turn ended, so a list can mark a conversation whose last answer failed. */
  lastTurnStatus: TurnStatus | null;
};
export type Cursor = { updatedAt: Date; id: string };

export async function listConversations(
  db: Db,
  params: { agent?: string; query?: string; limit: number; cursor?: Cursor },
): Promise<{ items: ConversationListItem[]; nextCursor: Cursor | null }> {
  const filters = [];
  if (params.agent) {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(turns)
          .where(and(eq(turns.conversationId, conversations.id), sql`${params.agent} = any(${turns.agents})`)),
      ),
    );
  }
  if (params.query) {
    const pattern = `%${params.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(
        ilike(conversations.title, pattern),
        exists(
          db
            .select({ one: sql`1` })
            .from(messages)
            .where(and(eq(messages.conversationId, conversations.id), ilike(messages.content, pattern))),
        ),
      ),
    );
  }
  if (params.cursor) {
    const { updatedAt, id } = params.cursor;
    filters.push(
      or(
        lt(conversations.updatedAt, updatedAt),
        and(eq(conversations.updatedAt, updatedAt), lt(conversations.id, id)),
      ),
    );
  }
  // Qualified by hand: inside a subquery drizzle renders bare column names, which would bind to turns.
  const agents = sql<string[]>`coalesce((
    select array_agg(distinct a order by a) from turns t, unnest(t.agents) as a
    where t.conversation_id = "conversations"."id"), '{}'::text[])`;
  const lastTurnStatus = sql<TurnStatus | null>`(
    select t.status from turns t where t.conversation_id = "conversations"."id"
    order by t.started_at desc limit 1)`;
  const rows = await db
    .select({ id: conversations.id, title: conversations.title, updatedAt: conversations.updatedAt, agents, lastTurnStatus })
    .from(conversations)
    .where(and(...filters))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(params.limit + 1);
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > params.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null;
  return { items, nextCursor };
}

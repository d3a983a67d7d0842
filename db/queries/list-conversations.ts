// conversations.list: newest first, or, with a query, ranked full-text matches with a snippet each.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, SEARCH_CONFIG, type TurnRow } from '../schema.ts';
import {
  type ConversationFilters,
  conversationAgents,
  conversationFilters,
  exactUpdatedAt,
  lastTurnStatus,
} from './conversation-filters.ts';
import { documentConversationHits } from './documents.ts';
import { type Snippet, snippetsFor } from './snippets.ts';

export type ConversationListItem = {
  id: string;
  title: string;
  updatedAt: Date;
  agents: string[];
  lastTurnStatus: TurnRow['status'] | null;
  /** Only when searching: the best matching message, its matched words marked. */
  snippet?: Snippet;
};
/** Where a page ends: `at` is updated_at as exact text; `rank` only when searching. */
export type Cursor = { at: string; id: string; rank?: number };
export type ListParams = ConversationFilters & { query?: string; limit: number; cursor?: Cursor };
type Page = { items: ConversationListItem[]; nextCursor: Cursor | null };

const columns = {
  id: conversations.id,
  title: conversations.title,
  updatedAt: conversations.updatedAt,
  agents: conversationAgents,
  lastTurnStatus,
  at: exactUpdatedAt,
};

export async function listConversations(db: Db, params: ListParams): Promise<Page> {
  if (params.query) return searchConversations(db, params, params.query);
  const { cursor } = params;
  const rows = await db
    .select(columns)
    .from(conversations)
    .where(
      and(
        ...conversationFilters(db, params),
        cursor
          ? sql`(${conversations.updatedAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(params.limit + 1);
  return page(rows, params.limit);
}

/**
 * Stemmed, all words, in one message (websearch syntax: "quoted phrase", -word, or), best match
 * first. The GIN index finds the matching messages; each conversation ranks by its best one.
 */
async function searchConversations(db: Db, params: ListParams, text: string): Promise<Page> {
  const query = sql`websearch_to_tsquery(${sql.raw(`'${SEARCH_CONFIG}'`)}, ${text})`;
  // A conversation also matches through a document one of its turns wrote (documents.ts).
  const found = db
    .select({
      conversationId: messages.conversationId,
      rank: sql<number>`ts_rank(${messages.search}, ${query})::float8`.as('rank'),
    })
    .from(messages)
    .where(sql`${messages.search} @@ ${query}`)
    .unionAll(documentConversationHits(db, query))
    .as('found');
  const hits = db
    .select({ conversationId: found.conversationId, rank: sql<number>`max(${found.rank})`.as('rank') })
    .from(found)
    .groupBy(found.conversationId)
    .as('hits');
  const { cursor } = params;
  const after = cursor
    ? sql`(${hits.rank}, ${conversations.updatedAt}, ${conversations.id}) < (${cursor.rank ?? 0}::float8, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({ ...columns, rank: hits.rank })
    .from(conversations)
    .innerJoin(hits, eq(hits.conversationId, conversations.id))
    .where(and(...conversationFilters(db, params), after))
    .orderBy(desc(hits.rank), desc(conversations.updatedAt), desc(conversations.id))
    .limit(params.limit + 1);
  const result = page(rows, params.limit);
  const snippets = await snippetsFor(
    db,
    query,
    result.items.map((item) => item.id),
  );
  for (const item of result.items) item.snippet = snippets.get(item.id);
  return result;
}

function page(rows: (ConversationListItem & { at: string; rank?: number })[], limit: number): Page {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? { at: last.at, id: last.id, rank: last.rank } : null;
  return { items: items.map(({ at: _at, rank: _rank, ...item }) => item), nextCursor };
}

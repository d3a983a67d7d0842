// conversations.list: newest first, or, with a query, ranked full-text matches with a snippet each.
import { and, desc, eq, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import { conversations, messages, type TurnRow } from '../schema.ts';
import {
  type ConversationFilters,
  conversationAgents,
  conversationFilters,
  exactUpdatedAt,
  lastTurnStatus,
} from './conversation-filters.ts';
import { documentConversationHits } from './documents.ts';
import { type SearchTerm, searchTerms } from './search-terms.ts';
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
 * Stemmed, every part of the query in some message of the conversation (each word may be in a
 * different one; a "quoted phrase" or an `a or b` within one; a `-word` in none), best match
 * first. The GIN index finds each part's messages; a conversation ranks by the sum of its best
 * message per part, and its snippet is the message that matches most of the query.
 */
async function searchConversations(db: Db, params: ListParams, text: string): Promise<Page> {
  const terms = await searchTerms(db, text);
  const wanted = terms.filter((t) => !t.negated);
  if (!wanted.length) return { items: [], nextCursor: null };
  const result = page(await rankedMatches(db, params, terms), params.limit);
  // Any wanted part: the best message is the one with most of them, and each is highlighted.
  const anyPart = sql`(${sql.join(
    wanted.map((t) => sql`${t.tsquery}::tsquery`),
    sql` || `,
  )})`;
  const snippets = await snippetsFor(
    db,
    anyPart,
    result.items.map((item) => item.id),
  );
  for (const item of result.items) item.snippet = snippets.get(item.id);
  return result;
}

/** One page of the conversations matching every wanted term and no negated one, best first (the bench EXPLAINs it). */
export function rankedMatches(db: Db, params: ListParams, terms: SearchTerm[]) {
  const wanted = terms.filter((t) => !t.negated);
  // Negated parts are numbered below zero: a conversation with any of their hits drops out.
  const partHits = terms.map((term, i) => {
    const query = sql`${term.tsquery}::tsquery`;
    // A part is also found in a document one of the conversation's turns wrote (documents.ts).
    const found = unionAll(
      db
        .select({
          conversationId: messages.conversationId,
          rank: sql<number>`ts_rank(${messages.search}, ${query})::float8`.as('rank'),
        })
        .from(messages)
        .where(sql`${messages.search} @@ ${query}`),
      documentConversationHits(db, query),
    ).as(`found_${i}`);
    return db
      .select({
        conversationId: found.conversationId,
        part: sql<number>`${term.negated ? -1 - i : i}::int`.as('part'),
        rank: sql<number>`max(${found.rank})::float8`.as('rank'),
      })
      .from(found)
      .groupBy(found.conversationId);
  });
  const [first, ...rest] = partHits;
  const byPart = (rest.length ? unionAll(first!, rest[0]!, ...rest.slice(1)) : first!).as('by_part');
  const hits = db
    .select({ conversationId: byPart.conversationId, rank: sql<number>`sum(${byPart.rank})::float8`.as('rank') })
    .from(byPart)
    .groupBy(byPart.conversationId)
    .having(
      sql`count(*) filter (where ${byPart.part} >= 0) = ${wanted.length} and count(*) filter (where ${byPart.part} < 0) = 0`,
    )
    .as('hits');
  const { cursor } = params;
  const after = cursor
    ? sql`(${hits.rank}, ${conversations.updatedAt}, ${conversations.id}) < (${cursor.rank ?? 0}::float8, ${cursor.at}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  return db
    .select({ ...columns, rank: hits.rank })
    .from(conversations)
    .innerJoin(hits, eq(hits.conversationId, conversations.id))
    .where(and(...conversationFilters(db, params), after))
    .orderBy(desc(hits.rank), desc(conversations.updatedAt), desc(conversations.id))
    .limit(params.limit + 1);
}

function page(rows: (ConversationListItem & { at: string; rank?: number })[], limit: number): Page {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? { at: last.at, id: last.id, rank: last.rank } : null;
  return { items: items.map(({ at: _at, rank: _rank, ...item }) => item), nextCursor };
}

// The words that matched, in context: ts_headline between private-use markers, parsed into ranges
// so a client highlights them without ever rendering HTML from the database.
import { and, asc, desc, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { messages, SEARCH_CONFIG } from '../schema.ts';

export type Snippet = { text: string; highlights: { start: number; end: number }[] };

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = `StartSel=${OPEN}, StopSel=${CLOSE}`;
const FRAGMENTS = `${MARKERS}, MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** A message this short is shown whole: cut to a fragment it would lose its first and last words. */
const WHOLE_UP_TO = 200;

/** The best-ranked matching message of each conversation, as a snippet. */
export async function snippetsFor(db: Db, query: SQL, conversationIds: string[]): Promise<Map<string, Snippet>> {
  if (!conversationIds.length) return new Map();
  const matches = sql`${messages.search} @@ ${query}`;
  // The best message of each conversation first, so ts_headline (the costly part) runs once per conversation.
  const best = db
    .selectDistinctOn([messages.conversationId], { id: messages.id })
    .from(messages)
    .where(and(inArray(messages.conversationId, conversationIds), matches))
    .orderBy(messages.conversationId, desc(sql`ts_rank(${messages.search}, ${query})`), asc(messages.seq));
  // Markers typed by a user are removed first, so only ts_headline's own mark a match.
  const content = sql`replace(replace(${messages.content}, ${OPEN}, ''), ${CLOSE}, '')`;
  const rows = await db
    .select({
      conversationId: messages.conversationId,
      headline: sql<string>`ts_headline(${sql.raw(`'${SEARCH_CONFIG}'`)}, ${content}, ${query},
        case when length(${messages.content}) <= ${WHOLE_UP_TO} then ${`${MARKERS}, HighlightAll=true`} else ${FRAGMENTS} end)`,
    })
    .from(messages)
    .where(inArray(messages.id, best));
  return new Map(rows.map((row) => [row.conversationId, parseHeadline(row.headline)]));
}

/** Whitespace runs become one space: a snippet is one line, and ts_headline leaves a space where markup was. */
export function parseHeadline(headline: string): Snippet {
  let text = '';
  const highlights: Snippet['highlights'] = [];
  let start: number | null = null;
  for (const char of headline.trim()) {
    if (char === OPEN) start = text.length;
    else if (char === CLOSE) {
      if (start !== null && text.length > start) highlights.push({ start, end: text.length });
      start = null;
    } else if (!/\s/.test(char)) text += char;
    else if (!text.endsWith(' ')) text += ' ';
  }
  return { text, highlights };
}

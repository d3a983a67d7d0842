// A search across a conversation's messages: the query's words may each be in a different
// message. The text splits where websearch syntax joins with AND — words, "quoted phrases" and
// `a or b` runs, `-word` to exclude — and Postgres stems each part (websearch_to_tsquery), so a
// phrase or an `or` still holds within one message and a conversation needs every part somewhere.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { SEARCH_CONFIG } from '../schema.ts';

/** One AND-part of a query: its websearch text, and whether a match excludes the conversation. */
export type SearchPart = { text: string; negated: boolean };
/** A part as Postgres parsed it (tsquery text), stop-word-only parts dropped. */
export type SearchTerm = { tsquery: string; negated: boolean };

const MAX_TERMS = 12;

const TOKEN = /-?"[^"]*("|$)|\S+/g;

export function splitQuery(text: string): SearchPart[] {
  const parts: SearchPart[] = [];
  let joinNext = false;
  for (const [token] of text.matchAll(TOKEN)) {
    if (token.toLowerCase() === 'or' && parts.length) {
      joinNext = true;
      continue;
    }
    const negated = token.length > 1 && token.startsWith('-');
    const last = parts.at(-1);
    // `a or -b` has no meaning across messages: the negation stays inside the or-run, as Postgres reads it.
    if (joinNext && last && !last.negated) last.text += ` or ${token}`;
    else parts.push({ text: negated ? token.slice(1) : token, negated });
    joinNext = false;
  }
  return parts;
}

/** The parts Postgres keeps (a part of stop words only, like "the", means nothing), in one round trip. */
export async function searchTerms(db: Db, text: string): Promise<SearchTerm[]> {
  const parts = splitQuery(text);
  if (!parts.length) return [];
  const config = sql.raw(`'${SEARCH_CONFIG}'`);
  const values = sql.join(
    parts.map((part, i) => sql`(${i}::int, websearch_to_tsquery(${config}, ${part.text}))`),
    sql`, `,
  );
  const result = await db.execute(
    sql`select n, q::text as tsquery from (values ${values}) as parts(n, q) where numnode(q) > 0 order by n`,
  );
  const rows = (result as unknown as { rows: { n: number; tsquery: string }[] }).rows;
  const terms = new Map<string, SearchTerm>();
  for (const row of rows) {
    const term = { tsquery: row.tsquery, negated: parts[row.n]!.negated };
    terms.set(`${term.negated}:${term.tsquery}`, term);
  }
  // Each part is a scan of its own: a repeated word costs nothing more, and a 200-character query
  // of common words stays a bounded amount of work (words past the cap are ignored).
  return [...terms.values()].slice(0, MAX_TERMS);
}

// The tool searches' query (search_files over files and documents): any one of the text's words
// is enough, each stemmed; websearch_to_tsquery never fails on what a model or a person typed.
import { type SQL, sql } from 'drizzle-orm';

/** The tsquery matching any word of `text`; null when it has no words. */
export function anyWordQuery(text: string): SQL | null {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? sql`websearch_to_tsquery('english', ${words.join(' or ')})` : null;
}

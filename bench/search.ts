// Conversation search at 20,000 messages: conversations.list({ query }) end to end (terms, the
// ranked page, snippets) on both drivers, with the plan of the ranked page. Each query's words
// may sit in different messages of a conversation, so this is the across-messages search.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { defaultBusiness } from '../db/queries/businesses.ts';
import { listConversations, rankedMatches } from '../db/queries/list-conversations.ts';
import { searchTerms } from '../db/queries/search-terms.ts';
import { conversations, messages } from '../db/schema.ts';
import { createThrowawayDatabase } from '../tests/support/throwaway-database.ts';
import { type BenchDriver, benchPostgresUrl } from './bench-app.ts';
import { sampleText, textPool } from './sample-text.ts';
import { round, type Summary, summarize, table } from './stats.ts';

const CONVERSATIONS = 2_000;
const PER_CONVERSATION = 10;
/** Common words across messages, rare words, a phrase, an exclusion, nothing to find. */
export const SEARCH_QUERIES = [
  'candle instagram',
  'ceramicist loyalty',
  'candles',
  '"soy candles"',
  'wholesale -ceramicist',
  'pottery kiln',
];

export type SearchFigure = Summary & { driver: BenchDriver; query: string; found: number };
export type SearchResult = { messages: number; figures: SearchFigure[]; plans: Record<BenchDriver, string[]> };

export async function runSearchBench(options: { quick: boolean; drivers: BenchDriver[] }): Promise<SearchResult> {
  const figures: SearchFigure[] = [];
  const plans = {} as Record<BenchDriver, string[]>;
  for (const driver of options.drivers) {
    const throwaway = driver === 'postgres' ? await createThrowawayDatabase(benchPostgresUrl(), 'sb_bench') : undefined;
    const database = await openDatabase(throwaway ? { kind: 'postgres', url: throwaway.url } : { kind: 'pglite' });
    try {
      await migrate(database);
      await seed(database.db);
      await database.db.execute(sql`analyze`);
      for (const query of SEARCH_QUERIES)
        figures.push({ driver, query, ...(await timeQuery(database.db, query, options.quick)) });
      plans[driver] = await plan(database.db, SEARCH_QUERIES[0]!);
    } finally {
      await database.close();
      await throwaway?.drop();
    }
  }
  return { messages: CONVERSATIONS * PER_CONVERSATION, figures, plans };
}

/** Varied business chat; one conversation in twenty also talks about Instagram, in a message of its own. */
async function seed(db: Db): Promise<void> {
  const business = await defaultBusiness(db);
  const next = textPool(sampleText(7), 60, 256);
  for (let start = 0; start < CONVERSATIONS; start += 100) {
    const batch = Array.from({ length: 100 }, (_, i) => ({ id: randomUUID(), n: start + i }));
    await db.insert(conversations).values(batch.map(({ id, n }) => ({ id, businessId: business.id, title: `Plan ${n}` })));
    const rows = batch.flatMap(({ id, n }) =>
      Array.from({ length: PER_CONVERSATION }, (_, m) => {
        const sample = next();
        const content = n % 20 === 0 && m === 7 ? 'How do I grow my Instagram audience for it?' : sample.content;
        return { conversationId: id, role: m % 2 ? ('assistant' as const) : ('user' as const), content, tokens: sample.tokens };
      }),
    );
    await db.insert(messages).values(rows);
  }
}

async function timeQuery(db: Db, query: string, quick: boolean): Promise<Summary & { found: number }> {
  let found = 0;
  for (let i = 0; i < 3; i += 1) found = (await listConversations(db, { query, limit: 20 })).items.length;
  const samples: number[] = [];
  for (let i = 0; i < (quick ? 10 : 40); i += 1) {
    const started = performance.now();
    await listConversations(db, { query, limit: 20 });
    samples.push(performance.now() - started);
  }
  return { ...summarize(samples), found };
}

async function plan(db: Db, query: string): Promise<string[]> {
  const ranked = rankedMatches(db, { limit: 20 }, await searchTerms(db, query));
  const result = await db.execute(sql`explain (analyze, costs off, timing off, summary off) ${ranked}`);
  return (result as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((row) => row['QUERY PLAN']);
}

export function searchTable(result: SearchResult): string {
  const rows = result.figures.map((f) => [f.driver, f.query, f.found, round(f.p50), round(f.p95), round(f.p99)]);
  const figures = table(['driver', 'query', 'found (page of 20)', 'p50 ms', 'p95 ms', 'p99 ms'], rows);
  const plans = Object.entries(result.plans).map(
    ([driver, lines]) => `Plan of "${SEARCH_QUERIES[0]}" on ${driver}:\n${lines.join('\n')}`,
  );
  return [`${result.messages} messages in ${CONVERSATIONS} conversations`, figures, ...plans].join('\n\n');
}

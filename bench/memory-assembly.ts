// Memory assembly time against conversation length: rows seeded into PGlite, assemble
// timed many times per conversation. Every conversation ends the same way (nine messages after
// its summary, then the new one), so only the length of the history differs.
import { desc, eq, fillPlaceholders, sql } from 'drizzle-orm';
import { type Db, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createConversation } from '../db/queries/conversations.ts';
import { memoryPageQuery } from '../db/queries/messages.ts';
import { type ConversationRow, conversations, type MessageRow, messages } from '../db/schema.ts';
import { assemble, summaryText } from '../server/memory/assemble.ts';
import { summaryTarget } from '../server/memory/plan-fold.ts';
import { countTokens } from '../server/memory/tokens.ts';
import { SIMULATED, sampleText, textPool } from './sample-text.ts';

export type AssemblyCase = { label: string; messages: number; afterSummary: number };
export type AssemblyFigure = AssemblyCase & { windowMessages: number; p50Ms: number; p95Ms: number; ratio: number };
export type AssemblyResult = { figures: AssemblyFigure[]; plans: Record<'newestFirst' | 'oldestFirst', string[]> };

export const ASSEMBLY_CASES: AssemblyCase[] = [
  { label: '10 messages', messages: 10, afterSummary: 10 },
  { label: '1,000 messages', messages: 1_000, afterSummary: 10 },
  { label: '10,000 messages', messages: 10_000, afterSummary: 10 },
  // Not a length comparison: the same history with the window filled to the budget.
  { label: '10,000, full window', messages: 10_000, afterSummary: 40 },
];
const BATCH = 500;

type Seeded = { conversation: ConversationRow; current: MessageRow };

export async function measureAssembly(options: { runs: number; budget: number }): Promise<AssemblyResult> {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(database);
    const { db } = database;
    const seeded: Seeded[] = [];
    for (const c of ASSEMBLY_CASES) seeded.push(await seed(db, c, options.budget));
    // A long-lived database has planner statistics; plan with them, as production would.
    await db.execute(sql`analyze`);

    const params = seeded.map(({ conversation, current }) => ({ conversation, current, budget: options.budget }));
    const warm = [];
    for (const p of params) warm.push(await assemble(db, p));
    for (let run = 0; run < 30; run += 1) for (const p of params) await assemble(db, p);
    // Round-robin, so JIT warm-up and a busy machine weigh on every size alike.
    const times: number[][] = params.map(() => []);
    for (let run = 0; run < options.runs; run += 1) {
      for (const [i, p] of params.entries()) {
        const started = performance.now();
        await assemble(db, p);
        times[i]!.push(performance.now() - started);
      }
    }
    const figures: AssemblyFigure[] = [];
    for (const [i, c] of ASSEMBLY_CASES.entries()) {
      const p50Ms = percentile(times[i]!, 0.5);
      const windowMessages = warm[i]!.items.length - 1 - (seeded[i]!.conversation.summary ? 1 : 0);
      const ratio = p50Ms / (figures[0]?.p50Ms ?? p50Ms);
      figures.push({ ...c, windowMessages, p50Ms, p95Ms: percentile(times[i]!, 0.95), ratio });
    }
    const longest = seeded[2]!;
    // PGlite is one session: an SQL-level PREPARE of the statement turns run shows its plan.
    const plan = async (order: 'newest-first' | 'oldest-first') => {
      const query = memoryPageQuery(db, order).toSQL();
      const values = {
        conversationId: longest.conversation.id,
        afterSeq: longest.conversation.summaryThroughSeq,
        beforeSeq: longest.current.seq,
        limit: 64,
      };
      const literals = fillPlaceholders(query.params, values).map((v) =>
        v === null ? 'null' : typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`,
      );
      const name = `plan_${order.replace('-', '_')}`;
      await db.execute(sql.raw(`prepare ${name} as ${query.sql}`));
      const result = (await db.execute(sql.raw(`explain execute ${name}(${literals.join(', ')})`))) as unknown as {
        rows: { 'QUERY PLAN': string }[];
      };
      return result.rows.map((row) => row['QUERY PLAN']);
    };
    return { figures, plans: { newestFirst: await plan('newest-first'), oldestFirst: await plan('oldest-first') } };
  } finally {
    await database.close();
  }
}

async function seed(db: Db, c: AssemblyCase, budget: number): Promise<Seeded> {
  const texts = sampleText(c.messages + c.afterSummary);
  const userText = textPool(texts, SIMULATED.userTokens);
  const replyText = textPool(texts, SIMULATED.replyTokens);
  const conversation = await createConversation(db, c.label);
  // Alternating, ending on the user's new message.
  const rows = Array.from({ length: c.messages }, (_, i) => {
    const role = (c.messages - 1 - i) % 2 === 0 ? ('user' as const) : ('assistant' as const);
    return { conversationId: conversation.id, role, ...(role === 'user' ? userText() : replyText()) };
  });
  for (let i = 0; i < rows.length; i += BATCH) await db.insert(messages).values(rows.slice(i, i + BATCH));
  const tail = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversation.id))
    .orderBy(desc(messages.seq))
    .limit(c.afterSummary + 1);
  const current = tail[0]!;
  const through = tail[c.afterSummary];
  if (!through) return { conversation, current };
  const summary = texts.text(summaryTarget(budget) - 30).content;
  const [summarized] = await db
    .update(conversations)
    .set({
      summary,
      summaryTokens: countTokens(summaryText(summary)),
      summaryThrough: through.id,
      summaryThroughSeq: through.seq,
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  return { conversation: summarized!, current };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

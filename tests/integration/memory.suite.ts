// Long conversations under a small budget: the rolling summary keeps what matters, every model
// call stays within the budget, and a failing Summarizer never costs the user a turn. Each send
// here waits for the fold it starts (see fold-behind.suite.ts for folds that overlap turns).
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createConversation, resetMemory } from '../../db/queries/conversations.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import { conversations, messages, turns } from '../../db/schema.ts';
import { summaryText } from '../../server/memory/assemble.ts';
import { readMessages, readNewestPage } from '../../server/memory/read-messages.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { keepingSummarizer, type Playbook, playConversation } from '../support/conversation-script.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const BUDGET = 2000;
const BRAND = 'Lumen & Wick';
const FIRST = `We are launching a soy candle brand called ${BRAND}, priced at 24 EUR a candle. Keep the name in mind.`;
const TOPICS = [
  'How should I photograph the candles for the online shop?',
  'Which suppliers sell wicks in bulk for a small studio like mine?',
  'Draft a short newsletter for the autumn collection launch.',
  'What margin do I need on a 24 EUR candle to pay for my time?',
  'Plan the next two weeks of production for the market stall.',
  'Which hashtags fit slow-living candle content on Instagram?',
];
const question = (n: number) => `Turn ${n}: ${TOPICS[n % TOPICS.length]}`;
const answer = (q: string) =>
  `About "${q.slice(0, 40)}": start small and measure. ${'Test one change a week, write down what sold, and keep the tone calm and warm. '.repeat(3)}`;

const conversationTokens = (texts: string[]) => texts.reduce((sum, text) => sum + countTokens(text), 0);

export function memorySuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  function start(playbook: Partial<Playbook> = {}) {
    const logger = pino({ level: 'silent' });
    const h = chatHarness(database, { memoryBudget: BUDGET, logger });
    const play = playConversation(h.model, h.team, { summarize: keepingSummarizer, answer, ...playbook });
    let conversationId: string | undefined;
    const send = async (message: string) => {
      play.ready();
      const outcome = await h.api.chat.send({ conversationId, message });
      conversationId = outcome.conversationId;
      await h.chat.housekeeping.idle();
      return outcome;
    };
    const stored = async () => (await database.db.select().from(conversations).where(eq(conversations.id, conversationId!)))[0]!;
    let turn = 1;
    /** Sends the next question until `done`; a budget this small gets there within 30 turns. */
    const sendUntil = async (done: () => boolean | Promise<boolean>) => {
      for (let tries = 0; tries < 30; tries += 1) {
        const outcome = await send(question((turn += 1)));
        if (await done()) return { outcome, question: question(turn), turns: turn };
      }
      throw new Error('the condition was never met');
    };
    return { ...h, ...play, logger, send, sendUntil, stored, id: () => conversationId! };
  }

  it('keeps every call within the budget over 60 turns, and the turn-1 brand reaches turn 60', async () => {
    const c = start();
    const outcomes = [await c.send(FIRST)];
    for (let n = 2; n <= 60; n += 1) outcomes.push(await c.send(question(n)));

    for (const call of c.played) expect(conversationTokens(call.texts)).toBeLessThanOrEqual(BUDGET);
    const last = c.played.findLast((call) => call.role === 'expert')!;
    expect(last.texts).not.toContain(FIRST);
    expect(last.texts[0]).toContain(BRAND);
    expect(last.texts.at(-1)).toBe(question(60));

    // Hysteresis: the Summarizer runs now and then, not on every turn.
    const summaries = c.played.filter((call) => call.role === 'summarizer');
    expect(summaries.length).toBeGreaterThan(2);
    expect(summaries.length).toBeLessThan(60 / 3);

    // Its tokens are the memory cost of the turn after which it ran, never an expert's.
    const { turns: recorded } = await c.api.chat.history({ conversationId: c.id() });
    const memoryTokens = recorded.map((t) => t.usage.memoryTokens);
    expect(memoryTokens.reduce((a, b) => a + b, 0)).toBe(summaries.reduce((sum, s) => sum + s.usage.totalTokens, 0));
    expect(memoryTokens.filter((t) => t > 0)).toHaveLength(summaries.length);
    for (const { turn } of outcomes) {
      expect(turn.agents).toEqual(['Orchestrator', 'Creative']);
      expect(turn.agentUsage.map((u) => u.agent)).toEqual(['Orchestrator', 'Creative']);
    }
    const usage = await c.api.stats.agentUsage({ conversationId: c.id() });
    expect(usage.map((u) => u.agent).sort()).toEqual(['Creative', 'Orchestrator']);

    const memory = await c.api.chat.memory({ conversationId: c.id() });
    const row = await c.stored();
    expect(memory.summary).toBe(row.summary);
    expect(memory.summary).toContain(BRAND);
    expect(memory.summaryTokens).toBe(countTokens(summaryText(memory.summary)));
    expect(memory.summaryTokens).toBe(row.summaryTokens);
    expect(memory).toMatchObject({ budget: BUDGET, tokensInUse: memory.summaryTokens + memory.windowTokens });
    expect(memory.windowMessages).toBeGreaterThan(1);
    expect(memory.tokensInUse).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps the previous summary when the Summarizer fails after a turn, and folds after the next one', async () => {
    let failures = 0;
    const c = start({
      summarize: (prompt) => {
        if (failures === 0) {
          failures += 1;
          throw new Error('summarizer overloaded');
        }
        return keepingSummarizer(prompt);
      },
    });
    const warn = vi.spyOn(c.logger, 'warn');
    await c.send(FIRST);
    const failed = await c.sendUntil(() => failures > 0);

    expect(failed.outcome.turn).toMatchObject({ status: 'completed', usage: { memoryTokens: 0 } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toMatch(/summariz/);
    expect((await c.stored()).summary).toBe('');

    const next = await c.sendUntil(() => true);
    expect(next.outcome.turn.status).toBe('completed');
    const row = await c.stored();
    expect(row.summary).toContain(BRAND);
    const history = await c.api.chat.history({ conversationId: c.id() });
    expect(history.turns.at(-1)!.usage.memoryTokens).toBeGreaterThan(0);
    expect(history.messages).toHaveLength(2 * next.turns);
    expect(history.turns.every((t) => t.status === 'completed')).toBe(true);
    await c.send('And the spring collection?');
    expect(c.played.findLast((call) => call.role === 'expert')!.texts[0]).toBe(summaryText(row.summary));
  });

  it('forgets the summary on reset', async () => {
    const c = start();
    await c.send(FIRST);
    await c.sendUntil(async () => (await c.stored()).summary !== '');

    await c.api.chat.reset({ conversationId: c.id() });
    const memory = await c.api.chat.memory({ conversationId: c.id() });
    expect(memory).toMatchObject({ summary: '', summaryTokens: 0, windowMessages: 0, pendingSummary: false });
    await c.send('What should I call the spring collection?');
    expect(c.played.at(-1)!.texts).toEqual(['What should I call the spring collection?']);
    expect(c.played.at(-1)!.texts.join('\n')).not.toContain(BRAND);
  });

  it('drops a summary finished after a reset that happened while it was written', async () => {
    const c = start({
      summarize: async (prompt) => {
        await resetMemory(database.db, c.id());
        return keepingSummarizer(prompt);
      },
    });
    await c.send(FIRST);
    // The turn's fold runs after its reply; a reset lands while the Summarizer works.
    await c.sendUntil(() => c.played.some((call) => call.role === 'summarizer'));
    expect(c.played.slice(-3).map((call) => call.role)).toEqual(['orchestrator', 'expert', 'summarizer']);
    const row = await c.stored();
    expect(row.memoryFrom).not.toBeNull();
    expect(row.summary).toBe('');
    await c.send('What should I call the spring collection?');
    expect(c.played.at(-1)!.texts).toEqual(['What should I call the spring collection?']);
  });

  it('records nothing as memory cost on turns that needed no summary', async () => {
    const c = start();
    const { turn } = await c.send(FIRST);
    const [row] = await database.db.select().from(turns).where(eq(turns.id, turn.id));
    expect(row!.memoryTokens).toBe(0);
    expect(c.played.map((call) => call.role)).toEqual(['orchestrator', 'expert']);
  });

  // A turn reads its conversation's newest page while its message is being stored, so the page
  // may hold that message or not; the window read from it must be the one the database gives.
  it('reads the same window from a page read ahead as from the database, with or without the new message', async () => {
    const conversation = await createConversation(database.db, 'Read ahead');
    const rows = Array.from({ length: 100 }, (_, i) => ({
      conversationId: conversation.id,
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `message ${i}`,
      tokens: 5,
    }));
    const seqs = (await database.db.insert(messages).values(rows).returning({ seq: messages.seq })).map((r) => r.seq);
    const read = async (range: { afterSeq: number; beforeSeq: number }, newest?: MemoryMessage[]) => {
      const seen: number[] = [];
      for await (const m of readMessages(database.db, conversation.id, { ...range, order: 'newest-first', newest }))
        seen.push(m.seq);
      return seen;
    };
    const page = await readNewestPage(database.db, conversation.id);
    expect(page).toHaveLength(64);
    for (const range of [
      { afterSeq: 0, beforeSeq: seqs[99]! }, // the newest message is the turn's own: in the page, skipped
      { afterSeq: 0, beforeSeq: seqs[99]! + 1 }, // read before the turn's message was stored
      { afterSeq: seqs[80]!, beforeSeq: seqs[99]! }, // the summary ends inside the page
      { afterSeq: seqs[10]!, beforeSeq: seqs[50]! }, // the window starts past the page
    ]) {
      const fromDatabase = await read(range);
      expect(fromDatabase.length).toBeGreaterThan(0);
      expect(await read(range, page)).toEqual(fromDatabase);
    }
  });
}

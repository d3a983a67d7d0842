// Memory folds after the reply, never before the first word: a turn never waits for the Summarizer,
// reads the previous summary and a window within the budget while a fold runs, and the fold's
// summary still reaches later turns; a reset during a fold wins, and two folds never both apply.
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { conversations } from '../../db/schema.ts';
import { summaryText } from '../../server/memory/assemble.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { windowMemory } from '../../server/memory/window-memory.ts';
import { Housekeeping } from '../../server/turns/housekeeping.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { keepingSummarizer, playConversation } from '../support/conversation-script.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const BUDGET = 2000;
const BRAND = 'Lumen & Wick';
const FIRST = `We are launching a soy candle brand called ${BRAND}. Keep the name in mind.`;
const question = (n: number) => `Turn ${n}: what should we try next for the shop, week ${n}?`;
const answer = (q: string) => `About "${q.slice(0, 30)}": ${'Test one change a week and write down what sold. '.repeat(10)}`;
const tokensOf = (texts: string[]) => texts.reduce((sum, text) => sum + countTokens(text), 0);

/** A promise and its resolver: holds a Summarizer call until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

export function foldBehindSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  /** A conversation whose Summarizer waits for `hold` when one is set, and counts its calls. */
  function start() {
    const h = chatHarness(database, { memoryBudget: BUDGET, logger: pino({ level: 'silent' }) });
    const state = { hold: null as Promise<void> | null, started: 0 };
    const play = playConversation(h.model, h.team, {
      answer,
      summarize: async (prompt) => {
        state.started += 1;
        if (state.hold) await state.hold;
        return keepingSummarizer(prompt);
      },
    });
    let conversationId: string | undefined;
    let n = 0;
    const send = async (message = question((n += 1))) => {
      play.ready();
      const sent = await h.api.chat.send({ conversationId, message });
      conversationId = sent.conversationId;
      return { ...sent, message };
    };
    const stored = async () => (await database.db.select().from(conversations).where(eq(conversations.id, conversationId!)))[0]!;
    const lastExpert = () => play.played.findLast((call) => call.role === 'expert')!;
    return { ...h, ...play, state, send, stored, lastExpert, id: () => conversationId! };
  }

  it('never calls the Summarizer before a turn’s Orchestrator and expert, and its summary reaches turn 40', async () => {
    const c = start();
    const roles: string[][] = [];
    for (let turn = 1; turn <= 40; turn += 1) {
      const before = c.played.length;
      await c.send(turn === 1 ? FIRST : undefined);
      await c.chat.housekeeping.idle();
      roles.push(c.played.slice(before).map((call) => call.role));
    }
    // What a turn calls, in order: routing, the expert, then (after its reply) any fold.
    for (const calls of roles) expect(calls.join(' ')).toMatch(/^orchestrator expert( summarizer)*$/);
    expect(roles.filter((calls) => calls.includes('summarizer')).length).toBeGreaterThan(2);
    const last = c.lastExpert();
    expect(last.texts).not.toContain(FIRST);
    expect(last.texts[0]).toContain(BRAND);
    for (const call of c.played) expect(tokensOf(call.texts)).toBeLessThanOrEqual(BUDGET);
  });

  it('answers turns while a fold runs, on the previous summary and a window within the budget', async () => {
    const c = start();
    await c.send(FIRST);
    while (c.state.started === 0) await c.send();
    await c.chat.housekeeping.idle();
    const previous = (await c.stored()).summary;
    expect(previous).toContain(BRAND);

    const held = gate();
    c.state.hold = held.opened;
    const started = c.state.started;
    while (c.state.started === started) await c.send();
    // The fold now waits on its Summarizer; the next turns do not.
    for (let i = 0; i < 4; i += 1) {
      const sent = await c.send();
      expect(sent.turn.status).toBe('completed');
      const call = c.lastExpert();
      expect(call.texts[0]).toBe(summaryText(previous));
      expect(call.texts.at(-1)).toBe(sent.message);
      expect(tokensOf(call.texts)).toBeLessThanOrEqual(BUDGET);
    }
    // Asked again by each of those turns, but never run beside the one that waits.
    expect(c.state.started).toBe(started + 1);
    expect((await c.stored()).summary).toBe(previous);

    held.open();
    await c.chat.housekeeping.idle();
    const folded = (await c.stored()).summary;
    expect(folded).not.toBe(previous);
    expect(folded).toContain(BRAND);
    await c.send();
    expect(c.lastExpert().texts[0]).toBe(summaryText(folded));
    expect(tokensOf(c.lastExpert().texts)).toBeLessThanOrEqual(BUDGET);
  });

  it('lets a reset made while a fold runs win over the summary it writes', async () => {
    const c = start();
    const held = gate();
    c.state.hold = held.opened;
    await c.send(FIRST);
    while (c.state.started === 0) await c.send();
    const reset = await c.api.chat.reset({ conversationId: c.id() });
    held.open();
    await c.chat.housekeeping.idle();

    const row = await c.stored();
    expect(row.summary).toBe('');
    expect(row.memoryFrom?.toISOString()).toBe(reset.memoryFrom);
    expect(await c.api.chat.memory({ conversationId: c.id() })).toMatchObject({ summary: '', windowMessages: 0 });
    await c.send('What should I call the spring collection?');
    expect(c.lastExpert().texts).toEqual(['What should I call the spring collection?']);
  });

  it('never lets two folds of one conversation both apply, as on two instances', async () => {
    const c = start();
    await c.send(FIRST);
    c.state.hold = new Promise(() => {}); // this instance's own fold never ends: the two below race
    while (c.state.started === 0) await c.send();

    // Two more instances' memories over the same database, each folding the same messages.
    const instances = ['A', 'B'].map((name) => ({
      name,
      held: gate(),
      memory: windowMemory(database.db, { budget: BUDGET, logger: pino({ level: 'silent' }) }),
    }));
    const folds = instances.map(({ name, held, memory }) =>
      memory.fold({
        conversationId: c.id(),
        turnId: '00000000-0000-4000-8000-000000000000',
        signal: new AbortController().signal,
        summarize: async () => {
          await held.opened;
          return { summary: `- Summary by ${name}: ${BRAND}.`, tokens: 10 };
        },
      }),
    );
    instances[1]!.held.open();
    await folds[1];
    const byB = await c.stored();
    expect(byB.summary).toBe(`- Summary by B: ${BRAND}.`);
    instances[0]!.held.open();
    await folds[0];
    // A read the summary B replaced: its summary is not stored over B's, nor is a fold of B's result.
    const after = await c.stored();
    expect(after.summary).toBe(byB.summary);
    expect(after.summaryThroughSeq).toBe(byB.summaryThroughSeq);
  });

  it('lets a fold finish within the shutdown grace, and abandons one that does not, storing nothing', async () => {
    const c = start();
    await c.send(FIRST);
    c.state.hold = new Promise(() => {});
    while (c.state.started === 0) await c.send();
    const before = await c.stored();
    const fold = (summarize: (signal: AbortSignal) => Promise<string>) => (signal: AbortSignal) =>
      c.chat.memory.fold({
        conversationId: c.id(),
        turnId: '00000000-0000-4000-8000-000000000000',
        signal,
        summarize: async (_prompt, s) => ({ summary: await summarize(s!), tokens: 1 }),
      });

    const stuck = new Housekeeping(pino({ level: 'silent' }));
    let aborted = false;
    stuck.run(
      'fold',
      fold(
        (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason)))),
      ),
    );
    expect(await stuck.drain(50)).toBe(1);
    expect(aborted).toBe(true);
    expect((await c.stored()).summary).toBe(before.summary);

    const quick = new Housekeeping(pino({ level: 'silent' }));
    quick.run(
      'fold',
      fold(async () => `- Folded before the stop: ${BRAND}.`),
    );
    expect(await quick.drain(5_000)).toBe(0);
    expect((await c.stored()).summary).toBe(`- Folded before the stop: ${BRAND}.`);
    // After a drain, nothing new starts.
    quick.run(
      'fold',
      fold(async () => 'too late'),
    );
    await quick.idle();
    expect((await c.stored()).summary).toBe(`- Folded before the stop: ${BRAND}.`);
  });
}

// The business profile reaches every model call: a fact an expert remembers in one conversation
// is in the next conversation's model input; an edit replaces it, forgetting removes it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { facts } from '../../db/schema.ts';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import { PROFILE_HEADER } from '../../server/business/profile-digest.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS } from '../../server/memory/router-context.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { callTool, inputTexts, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const NAME = 'The business is called Lumen & Wick.';

export function profileMemorySuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  /** A harness on a business of its own, so tests never see each other's facts. */
  async function onNewBusiness(options: { profileBudget?: number; routerBudget?: number } = {}) {
    const h = chatHarness(database, options);
    const business = await h.api.businesses.create({ name: `Shop ${Math.random()}` });
    return { ...h, businessId: business.id };
  }

  /** The profile message of each model call from `from` on (null where a call had none). */
  const profilesSeen = (h: ReturnType<typeof chatHarness>, from: number) =>
    h.model.calls.slice(from).map((call) => inputTexts(call.request.input).find((t) => t.startsWith(PROFILE_HEADER)) ?? null);

  it('a fact remembered in one conversation reaches the Orchestrator and the expert in a new one', async () => {
    const h = await onNewBusiness();
    h.script(routeTo(h.team, 'Creative', 'Naming.'), callTool('remember', { fact: NAME }), reply('Lovely name, noted.'));
    const first = await h.api.chat.send({ businessId: h.businessId, message: 'My business is called Lumen & Wick' });
    expect(first.turn.tools).toEqual([expect.objectContaining({ agent: 'Creative', name: 'remember', ok: true })]);

    const { facts: saved } = await h.api.profile.get({ businessId: h.businessId });
    expect(saved).toEqual([
      expect.objectContaining({
        text: NAME,
        source: { kind: 'agent', agent: 'Creative', conversationId: first.conversationId, turnId: first.turn.id },
      }),
    ]);
    const history = await h.api.chat.history({ conversationId: first.conversationId });
    expect(history.turns[0]!.remembered).toEqual([{ factId: saved[0]!.id, text: NAME }]);

    const before = h.model.calls.length;
    h.script(routeTo(h.team, 'Media', 'Social media.'), reply('Post three reels a week as Lumen & Wick.'));
    const second = await h.api.chat.send({ businessId: h.businessId, message: 'How should I grow on Instagram?' });
    expect(second.conversationId).not.toBe(first.conversationId);
    const seen = profilesSeen(h, before);
    expect(seen).toHaveLength(2);
    for (const profile of seen) expect(profile).toContain(NAME);
    // Stable first: the profile is the first message, before the conversation.
    const mediaInput = inputTexts(h.model.calls.at(-1)!.request.input);
    expect(mediaInput[0]).toContain(NAME);
    expect(mediaInput.at(-1)).toBe('How should I grow on Instagram?');
  });

  it('an edited fact replaces the old text, and a forgotten one never reaches a model again', async () => {
    const h = await onNewBusiness();
    const fact = await h.api.profile.add({ businessId: h.businessId, text: 'Candles sell at 24 EUR.' });
    await h.api.profile.update({ factId: fact.id, text: 'Candles sell at 28 EUR.' });
    let before = h.model.calls.length;
    h.script(routeTo(h.team, 'Strategic', 'Pricing.'), reply('That price holds.'));
    const { conversationId } = await h.api.chat.send({ businessId: h.businessId, message: 'Is my price right?' });
    for (const profile of profilesSeen(h, before)) {
      expect(profile).toContain('Candles sell at 28 EUR.');
      expect(profile).not.toContain('24 EUR');
    }

    await h.api.profile.forget({ factId: fact.id });
    before = h.model.calls.length;
    h.script(routeTo(h.team, 'Strategic', 'Pricing.'), reply('What do you charge?'));
    await h.api.chat.send({ conversationId, message: 'And now?' });
    expect(profilesSeen(h, before)).toEqual([null, null]);
    expect(
      h.model.calls
        .slice(before)
        .flatMap((c) => inputTexts(c.request.input))
        .join('\n'),
    ).not.toContain('28 EUR');
    expect((await h.api.profile.get({ businessId: h.businessId })).facts).toEqual([]);
  });

  it('an expert corrects a fact by its short id; a wrong or forgotten id fails the tool, not the turn', async () => {
    const h = await onNewBusiness();
    const old = await h.api.profile.add({ businessId: h.businessId, text: 'The shop ships from Leipzig.' });
    const gone = await h.api.profile.add({ businessId: h.businessId, text: 'The shop uses DHL.' });
    await h.api.profile.forget({ factId: gone.id });
    h.script(
      routeTo(h.team, 'Producing', 'Shipping.'),
      callTool('remember', { fact: 'The shop ships from Dresden.', replaces: old.id.slice(0, 8) }),
      callTool('remember', { fact: 'The shop uses UPS.', replaces: gone.id.slice(0, 8) }),
      callTool('remember', { fact: 'x'.repeat(501) }),
      reply('Updated: Dresden.'),
    );
    const { turn } = await h.api.chat.send({ businessId: h.businessId, message: 'We moved to Dresden, and use UPS now' });
    expect(turn.status).toBe('completed');
    expect(turn.tools.map((t) => [t.name, t.ok])).toEqual([
      ['remember', true],
      ['remember', false],
      ['remember', false],
    ]);
    // The owner wrote the fact, so the correction waits for them; accepted, it is the fact's text.
    const { facts: before, proposals } = await h.api.profile.get({ businessId: h.businessId });
    expect(before.map((f) => [f.id, f.text, f.source.kind])).toEqual([[old.id, 'The shop ships from Leipzig.', 'user']]);
    expect(proposals.map((p) => [p.factId, p.text])).toEqual([[old.id, 'The shop ships from Dresden.']]);
    await h.api.profile.accept({ proposalId: proposals[0]!.id });
    const { facts: now } = await h.api.profile.get({ businessId: h.businessId });
    expect(now.map((f) => [f.id, f.text, f.source.kind])).toEqual([[old.id, 'The shop ships from Dresden.', 'agent']]);
  });

  it('a new chat that names no business reads the default business’s profile from its first call', async () => {
    const other = await onNewBusiness();
    await other.api.profile.add({ businessId: other.businessId, text: 'Fact of another business.' });
    const h = chatHarness(database);
    const fact = await h.api.profile.add({ text: 'The default business sells candles.' });
    try {
      h.script(routeTo(h.team, 'Strategic', 'Pricing.'), reply('24 EUR.'));
      const sent = await h.api.chat.send({ message: 'How should I price a candle?' });
      const seen = profilesSeen(h, 0);
      expect(seen).toHaveLength(2);
      for (const profile of seen) {
        expect(profile).toContain('The default business sells candles.');
        expect(profile).not.toContain('another business');
      }
      const { items } = await h.api.businesses.list();
      const listed = await h.api.conversations.list({ businessId: items.find((b) => b.isDefault)!.id });
      expect(listed.items.map((c) => c.id)).toContain(sent.conversationId);
    } finally {
      // The default business is shared by this file's other tests.
      await h.api.profile.forget({ factId: fact.id });
    }
  });

  it('keeps another business’s facts out, and passes the profile to a consulted colleague', async () => {
    const a = await onNewBusiness();
    const b = await onNewBusiness();
    await a.api.profile.add({ businessId: a.businessId, text: 'Secret fact of business A.' });
    await b.api.profile.add({ businessId: b.businessId, text: 'Business B sells tea.' });
    b.script(
      routeTo(b.team, 'Creative', 'Naming with a price question.'),
      callTool(consultToolName('Strategic'), { question: 'What should a tin cost?' }),
      reply('9 EUR.'),
      reply('Call it Leaf Tin, at 9 EUR.'),
    );
    await b.api.chat.send({ businessId: b.businessId, message: 'Name my tea tin and price it' });
    const seen = profilesSeen(b, 0);
    expect(seen).toHaveLength(4);
    for (const profile of seen) {
      expect(profile).toContain('Business B sells tea.');
      expect(profile).not.toContain('business A');
    }
  });

  it('holds the profile budget with 500 facts, keeping the owner’s and the newest', async () => {
    const h = await onNewBusiness({ profileBudget: 600 });
    const base = Date.parse('2026-01-01T00:00:00Z');
    await database.db.insert(facts).values(
      Array.from({ length: 500 }, (_, i) => ({
        businessId: h.businessId,
        text: `Agent fact number ${i}: the candle line ${i} uses soy wax and cotton wicks.`,
        sourceKind: 'agent' as const,
        agent: 'Producing',
        createdAt: new Date(base + i * 1000),
        updatedAt: new Date(base + i * 1000),
      })),
    );
    await database.db.insert(facts).values({
      businessId: h.businessId,
      text: 'The owner is vegan and so is every product.',
      sourceKind: 'user',
      createdAt: new Date(base - 1000),
      updatedAt: new Date(base - 1000),
    });
    h.script(routeTo(h.team, 'Strategic', 'Anything.'), reply('Fine.'));
    const { conversationId } = await h.api.chat.send({ businessId: h.businessId, message: 'Hello' });
    const [routerProfile, profile] = profilesSeen(h, 0);
    expect(countTokens(profile!)).toBeLessThanOrEqual(600);
    // The Orchestrator's short view keeps the profile's beginning, within the router's background share.
    expect(routerProfile).toContain('The owner is vegan');
    expect(profile!.startsWith(routerProfile!.replace(/ \[…\]$/, ''))).toBe(true);
    expect(countTokens(routerProfile!)).toBeLessThanOrEqual(DEFAULT_ROUTER_CONTEXT_TOKENS / 4);
    expect(profile).toContain('The owner is vegan');
    expect(profile).toContain('Agent fact number 499:');
    expect(profile).not.toContain('Agent fact number 0:');
    // Written oldest first, so a new fact extends the text instead of reshuffling it.
    expect(profile!.indexOf('vegan')).toBeLessThan(profile!.indexOf('number 499:'));
    const memory = await h.api.chat.memory({ conversationId });
    expect(memory.profile.budget).toBe(600);
    expect(memory.profile.tokens).toBe(countTokens(profile!));
    expect(memory.profile.facts).toBeGreaterThan(5);
  });

  it('the Orchestrator routes on a short view that still starts with the profile', async () => {
    const h = await onNewBusiness({ routerBudget: 300 });
    await h.api.profile.add({ businessId: h.businessId, text: 'Jars come from Glasshaus in Leipzig.' });
    const long = (n: number) => `Answer ${n}: ${'pour the wax slowly and label every jar '.repeat(12)}`;
    let conversationId: string | undefined;
    for (let n = 1; n <= 6; n += 1) {
      h.script(routeTo(h.team, 'Producing', 'ops'), reply(long(n)));
      ({ conversationId } = await h.api.chat.send({
        businessId: h.businessId,
        conversationId,
        message: n === 6 ? 'Shorter please.' : `Step ${n}?`,
      }));
    }
    const [router, expert] = h.model.calls.slice(-2).map((call) => inputTexts(call.request.input));
    for (const texts of [router!, expert!]) {
      expect(texts[0]!.startsWith(PROFILE_HEADER)).toBe(true);
      expect(texts[0]).toContain('Jars come from Glasshaus in Leipzig.');
      expect(texts.at(-1)).toBe('Shorter please.');
    }
    // Older messages drop out of the router's view before the profile does; the expert reads them all.
    expect(router!.some((t) => t.startsWith('Answer 1:'))).toBe(false);
    expect(expert!.some((t) => t.startsWith('Answer 1:'))).toBe(true);
  });
}

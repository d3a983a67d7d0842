// conversations.list with a query: stemmed, all-words, ranked full-text search with highlighted snippets.
import { modelError } from '@openai/agents/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

type Snippet = { text: string; highlights: { start: number; end: number }[] };
const marked = (snippet: Snippet | undefined) =>
  snippet?.highlights.map((h) => snippet.text.slice(h.start, h.end).toLowerCase()) ?? [];

export function searchSuite(kind: DriverKind) {
  let database: Database;
  let h: ReturnType<typeof chatHarness>;
  const ids: Record<string, string> = {};

  async function converse(key: string, expert: ExpertName, message: string, answer: string) {
    h.script(routeTo(h.team, expert, 'fits'), reply(answer));
    ids[key] = (await h.api.chat.send({ message })).conversationId;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    h = chatHarness(database);
    await converse('shop', 'Creative', 'Suggest a brand name for my eco candle shop', 'Call it Lumen & Wick.');
    await converse('growth', 'Media', 'How do I grow my candle shop on Instagram?', 'Post three reels a week.');
    await converse('pottery', 'Strategic', 'Pricing for pottery classes', 'Charge 40 per class.');
    await converse(
      'dense',
      'Producing',
      'Candle batch plan',
      'Candle wax first, then candle wicks, then candle jars: every candle needs all three.',
    );
  });
  afterAll(async () => {
    await database.close();
  });

  const search = (query: string, extra: object = {}) => h.api.conversations.list({ query, ...extra });

  it('finds "candle shop" when searching "candles": words are stemmed', async () => {
    const { items } = await search('candles');
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.shop, ids.growth, ids.dense]));
    expect(items.map((i) => i.id)).not.toContain(ids.pottery);
    const shop = items.find((i) => i.id === ids.shop)!;
    expect(shop.snippet?.text).toContain('Suggest a brand name for my eco candle shop');
    expect(marked(shop.snippet)).toEqual(['candle']);
  });

  it('needs every word, in any order and any message position, and highlights each', async () => {
    const { items } = await search('instagram candle shop');
    expect(items.map((i) => i.id)).toEqual([ids.growth]);
    expect(marked(items[0]!.snippet)).toEqual(['candle', 'shop', 'instagram']);
    expect((await search('candle pottery')).items).toEqual([]);
  });

  it('ranks the conversation that matches best first', async () => {
    const { items } = await search('candle');
    expect(items[0]!.id).toBe(ids.dense);
  });

  it('searches replies too, and combines the query with the agent filter', async () => {
    expect((await search('reels')).items.map((i) => i.id)).toEqual([ids.growth]);
    expect((await search('candle', { agent: 'Creative' })).items.map((i) => i.id)).toEqual([ids.shop]);
  });

  it('filters by turn status and date range, with or without a query', async () => {
    h.script(modelError(new Error('upstream down')));
    await rejection(h.api.chat.send({ message: 'Candle shipping costs to Austria?' }));
    const failed = await h.api.conversations.list({ status: 'failed' });
    expect(failed.items.map((i) => i.title)).toEqual(['Candle shipping costs to Austria?']);
    expect((await search('candle shipping', { status: 'completed' })).items).toEqual([]);
    expect((await search('candle shipping', { status: 'failed' })).items).toHaveLength(1);

    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect((await search('candle', { from: inAnHour })).items).toEqual([]);
    expect((await search('candle', { to: hourAgo })).items).toEqual([]);
    expect((await search('candle', { from: hourAgo, to: inAnHour })).items.length).toBeGreaterThanOrEqual(3);
    expect((await h.api.conversations.list({ from: '2020-01-01', to: '2020-01-02' })).items).toEqual([]);
    const backwards = await rejection(h.api.conversations.list({ from: inAnHour, to: hourAgo }));
    expect(backwards.code).toBe('BAD_REQUEST');
    expect(backwards.message).toContain('must be before \\"to\\"');
    for (const from of ['yesterday', '2026-02-30', '0000-01-01', '0000-01-01T00:00:00Z']) {
      expect((await rejection(h.api.conversations.list({ from, query: 'candle' }))).code, from).toBe('BAD_REQUEST');
      expect((await rejection(h.api.stats.agentTurns({ agent: 'Media', to: from }))).code, from).toBe('BAD_REQUEST');
    }
  });

  it('pages ranked results with a cursor, each conversation once', async () => {
    for (const n of [1, 2, 3, 4, 5]) await converse(`lavender${n}`, 'Creative', `Lavender soap label idea ${n}`, 'A sprig.');
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await search('lavender soaps', { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5].map((n) => ids[`lavender${n}`]).sort());
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const bad of [
      'not-a-cursor',
      forged(['2026-02-30T10:00:00.000000Z', ids.shop, 0.1]),
      forged(['0000-01-01T00:00:00.000000Z', ids.shop, 0.1]),
      forged(['2026-01-01T00:00:00.000000Z', 'not-a-uuid', 0.1]),
      forged(['2026-01-01T00:00:00.000000Z', ids.shop, 'NaN']),
    ]) {
      expect((await rejection(search('lavender', { cursor: bad }))).code).toBe('BAD_REQUEST');
      expect((await rejection(h.api.conversations.list({ cursor: bad }))).code).toBe('BAD_REQUEST');
    }
  });

  it('cuts a long message to the fragment around the match', async () => {
    const filler = (word: string) => Array.from({ length: 40 }, (_, i) => `${word}${i}`).join(' ');
    await converse('long', 'Producing', 'Plan my studio week', `${filler('alpha')} order beeswax early ${filler('omega')}`);
    const [item] = (await search('beeswax')).items;
    expect(item!.id).toBe(ids.long);
    expect(item!.snippet!.text).toContain('order beeswax early');
    expect(item!.snippet!.text.length).toBeLessThan(300);
    expect(marked(item!.snippet)).toEqual(['beeswax']);
  });

  it('finds a conversation by words said in different messages: "candle instagram"', async () => {
    h.script(routeTo(h.team, 'Strategic', 'fits'), reply('Call it Ember & Oak.'));
    const { conversationId } = await h.api.chat.send({ message: 'Suggest a brand name for my eco candle shop' });
    h.script(routeTo(h.team, 'Media', 'fits'), reply('Share the pouring in short videos.'));
    await h.api.chat.send({ conversationId, message: 'How do I grow my Instagram audience for it?' });

    const found = (await search('candle instagram')).items;
    expect(found.map((i) => i.id)).toEqual(expect.arrayContaining([conversationId, ids.growth]));
    expect(found.map((i) => i.id)).not.toContain(ids.shop);
    // The snippet is one message, the best matching one, with its matched word marked.
    const both = found.find((i) => i.id === conversationId)!;
    expect(both.snippet?.text).toBe('Suggest a brand name for my eco candle shop');
    expect(marked(both.snippet)).toEqual(['candle']);
    // Stemmed across messages too; a phrase stays within one message; -word excludes wherever it is.
    expect((await search('candles audiences')).items.map((i) => i.id)).toEqual([conversationId]);
    expect((await search('"candle instagram"')).items.map((i) => i.id)).not.toContain(conversationId);
    const without = (await search('candle -instagram')).items.map((i) => i.id);
    expect(without).toContain(ids.shop);
    expect(without).not.toContain(conversationId);
    expect(without).not.toContain(ids.growth);
    // An or-run is one part: "pottery or audience" and "candle" in different messages.
    expect((await search('pottery or audience candle')).items.map((i) => i.id)).toEqual([conversationId]);
  });

  describe('hostile search text', () => {
    it('answers odd query syntax with results or none, never an error', async () => {
      for (const query of [
        '"candle',
        'candle & shop',
        '!candle',
        'candle:*',
        '(candle | shop',
        "'; drop table messages; --",
        '\\',
        '<script>',
        'the and of',
        '-',
        '""',
        '🕯️ candle',
        'a'.repeat(200),
        'candle OR pottery',
        '-candle shop',
      ]) {
        const result = await search(query);
        expect(Array.isArray(result.items), query).toBe(true);
      }
      expect((await search('the and of')).items).toEqual([]);
      // A word repeated is one part: the same answer, not forty scans.
      expect((await search('candle '.repeat(28))).items).toEqual((await search('candle')).items);
      expect((await search('candle OR pottery')).items.map((i) => i.id)).toContain(ids.pottery);
      expect((await h.api.conversations.list({})).items.length).toBeGreaterThan(3);
    });

    it('refuses a query over 200 characters with a sentence', async () => {
      const tooLong = await rejection(search('a'.repeat(201)));
      expect(tooLong.code).toBe('BAD_REQUEST');
      expect(tooLong.message).toContain('must be at most 200 characters');
    });

    // A snippet is text for a client to show as text: markup in it is what the user typed, never a highlight.
    it('returns a snippet of plain text, with only real matches as highlights', async () => {
      await converse(
        'markup',
        'Creative',
        'Make <b>bold</b> \uE000fake\uE001 <script>alert(1)</script> marigold labels',
        'Sure.',
      );
      const { items } = await search('marigold');
      expect(items.map((i) => i.id)).toEqual([ids.markup]);
      const snippet = items[0]!.snippet!;
      expect(snippet.text).toBe('Make <b>bold</b> fake <script>alert(1)</script> marigold labels');
      expect(marked(snippet)).toEqual(['marigold']);
    });
  });
}

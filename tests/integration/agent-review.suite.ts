// stats.agentTurns (one agent's turns across conversations) and routing flags that become eval cases.
import { modelError } from '@openai/agents/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { parseCases } from '../../scripts/eval/cases.ts';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { type FakeSearxng, startFakeSearxng } from '../support/fake-searxng.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

export function agentReviewSuite(kind: DriverKind) {
  let database: Database;
  let h: ReturnType<typeof chatHarness>;
  let candle: { conversationId: string; mediaTurn: string; creativeTurn: string };
  let otherMediaTurn: string;
  let searx: FakeSearxng;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    searx = await startFakeSearxng([{ title: 'Reels in 2026', url: 'https://example.test/reels', content: 'Short video wins.' }]);
    h = chatHarness(database, { tools: { api: 'chat_completions', searxngUrl: searx.url }, modelName: 'gpt-4o-mini' });
    h.script(routeTo(h.team, 'Creative', 'The user wants a brand name.'), reply('Call it Lumen & Wick.'));
    const first = await h.api.chat.send({ message: 'Suggest a brand name for my eco candle shop' });
    h.script(
      routeTo(h.team, 'Media', 'Growing an Instagram audience is social media.'),
      callTool('web_search', { query: 'instagram reels candles' }),
      reply('Post three reels a week.'),
    );
    const second = await h.api.chat.send({
      conversationId: first.conversationId,
      message: 'What should I charge for Lumen & Wick candles?',
    });
    candle = { conversationId: first.conversationId, creativeTurn: first.turn.id, mediaTurn: second.turn.id };
    h.script(routeTo(h.team, 'Media', 'A PR question.'), reply('Pitch the local paper.'));
    otherMediaTurn = (await h.api.chat.send({ message: 'How do I get press for my bakery?' })).turn.id;
  });
  afterAll(async () => {
    await database.close();
    await searx.close();
  });

  describe('an agent’s own view', () => {
    it('lists every turn the agent handled, newest first, with request, reason, tools, tokens, cost and latency', async () => {
      const { items, nextCursor } = await h.api.stats.agentTurns({ agent: 'Media' });
      expect(nextCursor).toBeNull();
      expect(items.map((i) => i.turnId)).toEqual([otherMediaTurn, candle.mediaTurn]);
      expect(items[1]).toMatchObject({
        conversationId: candle.conversationId,
        conversationTitle: 'Suggest a brand name for my eco candle shop',
        request: 'What should I charge for Lumen & Wick candles?',
        role: 'handled',
        reason: 'Growing an Instagram audience is social media.',
        agents: ['Orchestrator', 'Media'],
        tools: [expect.objectContaining({ agent: 'Media', name: 'web_search', ok: true })],
        usage: { inputTokens: 150 + 200, outputTokens: 10 + 80 },
        status: 'completed',
        flag: null,
      });
      expect(items[1]!.costUsd).toBeGreaterThan(0);
      expect(items[1]!.latencyMs).toBeGreaterThanOrEqual(0);
      expect((await h.api.stats.agentTurns({ agent: 'Creative' })).items.map((i) => i.turnId)).toEqual([candle.creativeTurn]);
      expect((await h.api.stats.agentTurns({ agent: 'Producing' })).items).toEqual([]);
    });

    it('shows the Orchestrator’s turns with the reason it gave for each route', async () => {
      const { items } = await h.api.stats.agentTurns({ agent: 'Orchestrator' });
      expect(items.map((i) => i.reason)).toEqual([
        'A PR question.',
        'Growing an Instagram audience is social media.',
        'The user wants a brand name.',
      ]);
      expect(items[0]!.usage).toEqual({ inputTokens: 120, outputTokens: 20 });
    });

    it('lists a turn the agent was consulted in, with the question it was asked', async () => {
      const local = chatHarness(database);
      local.script(
        routeTo(local.team, 'Creative', 'Naming with a price question.'),
        callTool(consultToolName('Strategic'), { question: 'Retail price for a 200 g soy candle?' }),
        reply('24 EUR.'),
        reply('Lumen & Wick, at 24 EUR.'),
      );
      const { turn } = await local.api.chat.send({ message: 'Name and price my candles' });
      const [item] = (await h.api.stats.agentTurns({ agent: 'Strategic' })).items;
      expect(item).toMatchObject({
        turnId: turn.id,
        role: 'consulted',
        reason: 'Creative asked: Retail price for a 200 g soy candle?',
      });
      expect(item!.usage).toEqual({ inputTokens: 200, outputTokens: 80 });
    });

    it('pages with a cursor and filters by date', async () => {
      const first = await h.api.stats.agentTurns({ agent: 'Orchestrator', limit: 2 });
      expect(first.items).toHaveLength(2);
      const rest = await h.api.stats.agentTurns({ agent: 'Orchestrator', limit: 2, cursor: first.nextCursor });
      const all = await h.api.stats.agentTurns({ agent: 'Orchestrator' });
      expect([...first.items, ...rest.items].map((i) => i.turnId)).toEqual(
        all.items.slice(0, first.items.length + rest.items.length).map((i) => i.turnId),
      );
      expect(new Set(all.items.map((i) => i.turnId)).size).toBe(all.items.length);

      const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      expect((await h.api.stats.agentTurns({ agent: 'Media', from: inAnHour })).items).toEqual([]);
      expect((await h.api.stats.agentTurns({ agent: 'Media', to: hourAgo })).items).toEqual([]);
      expect((await h.api.stats.agentTurns({ agent: 'Media', from: hourAgo, to: inAnHour })).items).toHaveLength(2);
      expect((await rejection(h.api.stats.agentTurns({ agent: 'Media', cursor: 'garbage' }))).code).toBe('BAD_REQUEST');
      expect((await rejection(h.api.stats.agentTurns({ agent: 'Nobody' as 'Media' }))).code).toBe('BAD_REQUEST');
    });
  });

  describe('routing review', () => {
    it('keeps a "wrong expert" flag with the turn and lists it for both experts', async () => {
      const { turn } = await h.api.chat.flagRouting({ turnId: candle.mediaTurn, expected: 'Strategic' });
      expect(turn.flag).toMatchObject({ expected: 'Strategic' });
      const history = await h.api.chat.history({ conversationId: candle.conversationId });
      expect(history.turns.find((t) => t.id === candle.mediaTurn)?.flag?.expected).toBe('Strategic');

      const media = await h.api.stats.agentTurns({ agent: 'Media', flagged: true });
      expect(media.items.map((i) => [i.turnId, i.role, i.flag?.expected])).toEqual([[candle.mediaTurn, 'handled', 'Strategic']]);
      const strategic = await h.api.stats.agentTurns({ agent: 'Strategic', flagged: true });
      expect(strategic.items.map((i) => [i.turnId, i.role])).toEqual([[candle.mediaTurn, 'expected']]);
    });

    it('answers flagged turns as routing-eval cases with the conversation before them', async () => {
      const cases = await h.api.stats.routingFlags();
      expect(cases).toEqual([
        {
          id: `flag-${candle.mediaTurn}`,
          history: [
            { role: 'user', content: 'Suggest a brand name for my eco candle shop' },
            { role: 'assistant', content: 'Call it Lumen & Wick.' },
          ],
          message: 'What should I charge for Lumen & Wick candles?',
          expected: ['Strategic'],
          kind: 'followup',
          note: expect.stringContaining('Media answered, Strategic should have'),
        },
      ]);
      expect(parseCases(JSON.stringify(cases), 'flags')).toEqual(cases);
    });

    it('takes a flag back, and refuses flags that make no sense', async () => {
      await h.api.chat.flagRouting({ turnId: otherMediaTurn, expected: 'Creative' });
      expect((await h.api.stats.routingFlags()).map((c) => c.expected[0])).toEqual(['Strategic', 'Creative']);
      const { turn } = await h.api.chat.flagRouting({ turnId: otherMediaTurn, expected: null });
      expect(turn.flag).toBeNull();
      expect((await h.api.stats.routingFlags()).map((c) => c.id)).toEqual([`flag-${candle.mediaTurn}`]);

      const same = await rejection(h.api.chat.flagRouting({ turnId: otherMediaTurn, expected: 'Media' }));
      expect(same).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Media already answered') });
      const orchestrator = await rejection(
        h.api.chat.flagRouting({ turnId: otherMediaTurn, expected: 'Orchestrator' as 'Media' }),
      );
      expect(orchestrator.code).toBe('BAD_REQUEST');
      const unknown = await rejection(
        h.api.chat.flagRouting({ turnId: '00000000-0000-4000-8000-000000000000', expected: 'Media' }),
      );
      expect(unknown.code).toBe('NOT_FOUND');
      h.script(modelError(new Error('down')));
      const failed = await rejection(h.api.chat.send({ message: 'Plan my launch' }));
      const failedTurnId = (failed.cause as { turnId: string }).turnId;
      expect((await rejection(h.api.chat.flagRouting({ turnId: failedTurnId, expected: 'Producing' }))).code).toBe('CONFLICT');
    });
  });
}

// conversations.export: the whole conversation, every turn's routing record, in JSON and Markdown.
import { modelError } from '@openai/agents/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { JsonExport } from '../../server/export/export-conversation.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { type FakeSearxng, startFakeSearxng } from '../support/fake-searxng.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

export function exportSuite(kind: DriverKind) {
  let database: Database;
  let h: ReturnType<typeof chatHarness>;
  let conversationId: string;
  let searx: FakeSearxng;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    searx = await startFakeSearxng([
      { title: 'Candle market 2026', url: 'https://example.test/candles', content: 'Soy candles grow 8%.' },
    ]);
    h = chatHarness(database, { tools: { api: 'chat_completions', searxngUrl: searx.url }, modelName: 'gpt-4o-mini' });
    h.script(routeTo(h.team, 'Creative', 'The user wants a brand name.'), reply('I suggest **Lumen & Wick**.'));
    ({ conversationId } = await h.api.chat.send({ message: 'A brand name for my eco candles?' }));
    h.script(
      routeTo(h.team, 'Strategic', 'The user asks about pricing.'),
      callTool('web_search', { query: 'eco candle prices' }),
      reply('Price Lumen & Wick at 24 EUR.'),
    );
    await h.api.chat.send({ conversationId, message: 'How should I price them?' });
    await h.api.chat.reset({ conversationId });
    h.script(modelError(new Error('upstream exploded')));
    await rejection(h.api.chat.send({ conversationId, message: 'Plan my launch week' }));
  });
  afterAll(async () => {
    await database.close();
    await searx.close();
  });

  it('exports JSON that parses back into exactly what chat.history shows', async () => {
    const history = await h.api.chat.history({ conversationId });
    const file = await h.api.conversations.export({ conversationId, format: 'json' });
    expect(file.contentType).toBe('application/json; charset=utf-8');
    expect(file.filename).toBe(`a-brand-name-for-my-eco-candles-${conversationId.slice(0, 8)}.json`);
    const parsed = JSON.parse(file.content) as JsonExport;
    expect(parsed).toMatchObject({ format: 'switchboard.conversation', version: 1 });
    expect(Date.parse(parsed.exportedAt)).not.toBeNaN();
    expect({ conversation: parsed.conversation, messages: parsed.messages, turns: parsed.turns }).toEqual(history);
    expect(parsed.turns.map((t) => t.status)).toEqual(['completed', 'completed', 'failed']);
    expect(parsed.turns[1]!.tools).toEqual([expect.objectContaining({ name: 'web_search', agent: 'Strategic', ok: true })]);
  });

  it('exports Markdown with every message, the answering agents and each turn’s routing facts', async () => {
    const file = await h.api.conversations.export({ conversationId, format: 'markdown' });
    expect(file.contentType).toBe('text/markdown; charset=utf-8');
    expect(file.filename).toMatch(/\.md$/);
    const md = file.content;
    expect(md.startsWith('# A brand name for my eco candles?\n')).toBe(true);
    for (const text of [
      'A brand name for my eco candles?',
      '**Creative:**\n\nI suggest **Lumen & Wick**.',
      'How should I price them?',
      '**Strategic:**\n\nPrice Lumen & Wick at 24 EUR.',
      'Plan my launch week',
      '- **Path:** Orchestrator → Creative',
      '- **Handoff:** Orchestrator → Strategic: The user asks about pricing.',
      '- **Route:** handoff (the Orchestrator transferred the message itself)',
      '- **Tools:** web_search by Strategic',
      '- **Tokens:** 320 in (0 cached), 100 out (420 total)',
      '- **Model:** gpt-4o-mini',
      '- **Cost:** $0.00011 (estimate from list prices)',
      '**This turn failed** and has no reply.',
      '- **Error:** INTERNAL:',
    ]) {
      expect(md).toContain(text);
    }
    // In order: each turn's user message, then its reply, then its routing block.
    const order = [
      'A brand name',
      'Lumen & Wick**.',
      'Orchestrator → Creative',
      'How should I price',
      'at 24 EUR',
      'Memory was reset here',
      'Plan my launch',
      '**Error:**',
    ];
    const positions = order.map((text) => md.indexOf(text));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('answers NOT_FOUND for an unknown conversation and BAD_REQUEST for an unknown format', async () => {
    const missing = await rejection(
      h.api.conversations.export({ conversationId: '00000000-0000-4000-8000-000000000000', format: 'json' }),
    );
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No conversation has this id.') });
    const badFormat = await rejection(h.api.conversations.export({ conversationId, format: 'pdf' as 'json' }));
    expect(badFormat.code).toBe('BAD_REQUEST');
  });
}

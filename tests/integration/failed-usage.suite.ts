// Failed and retried turns count what they used: every model call's tokens and cost, on the
// turn, in its log line, in stats.agentUsage and stats.agentTurns, and in the exports.
import { Usage } from '@openai/agents';
import { assistantMessage, modelError, type ScriptedModelInput } from '@openai/agents/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { JsonExport } from '../../server/export/export-conversation.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { gate } from '../support/echo-model.ts';
import { heldStream } from '../support/held-stream.ts';
import { reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

/** A router step that answers in words instead of handing off, at a known price. */
const words = (text: string): ScriptedModelInput => ({
  output: [assistantMessage(text)],
  usage: new Usage({
    requests: 1,
    inputTokens: 1000,
    outputTokens: 50,
    totalTokens: 1050,
    inputTokensDetails: { cached_tokens: 400 },
  }),
});

// gpt-4.1-mini: 0.4 / 0.1 (cached) / 1.6 USD per million tokens; three calls of 1000 in (400 cached), 50 out.
const ROUTER_COST = (3 * (600 * 0.4 + 400 * 0.1 + 50 * 1.6)) / 1_000_000;

export function failedUsageSuite(kind: DriverKind) {
  let database: Database;
  let h: ReturnType<typeof chatHarness>;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    h = chatHarness(database, { modelName: 'gpt-4.1-mini', logger });
  });
  afterAll(() => database?.close());
  beforeEach(() => void lines.splice(0));

  async function failedTurn(error: { cause?: unknown }) {
    const { turnId } = error.cause as { turnId: string };
    return { turnId, conversationId: (await findTurn(database.db, turnId))!.conversationId };
  }

  /** A router that never hands off: two words-only tries, then a choice that is not the structured data asked for. */
  async function neverHandsOff() {
    h.script(words('I will pass this on.'), words('Our Creative team will help.'), words('Creative, I think.'));
    const error = await rejection(h.api.chat.send({ message: 'Name my candle shop' }));
    expect(error).toMatchObject({ code: 'BAD_GATEWAY', cause: { code: 'ROUTING_FAILED' } });
    return failedTurn(error);
  }

  it('keeps every call of a router that never hands off: on the turn, in stats, in the log line', async () => {
    const { turnId, conversationId } = await neverHandsOff();

    const [turn] = (await h.api.chat.history({ conversationId })).turns;
    expect(turn).toMatchObject({
      id: turnId,
      status: 'failed',
      usage: { inputTokens: 3000, cachedInputTokens: 1200, outputTokens: 150, totalTokens: 3150 },
      agentUsage: [
        expect.objectContaining({ agent: 'Orchestrator', inputTokens: 3000, cachedInputTokens: 1200, outputTokens: 150 }),
      ],
    });
    expect(turn!.cost!.usd).toBeCloseTo(ROUTER_COST, 8);

    const stats = await h.api.stats.agentUsage({ conversationId });
    expect(stats).toEqual([
      expect.objectContaining({ agent: 'Orchestrator', turns: 1, inputTokens: 3000, cachedInputTokens: 1200, outputTokens: 150 }),
    ]);
    expect(stats[0]!.costUsd).toBeCloseTo(ROUTER_COST, 8);

    const { items } = await h.api.stats.agentTurns({ agent: 'Orchestrator' });
    expect(items.find((item) => item.turnId === turnId)).toMatchObject({
      status: 'failed',
      usage: { inputTokens: 3000, outputTokens: 150 },
      error: { code: 'ROUTING_FAILED' },
    });

    expect(lines.filter((line) => line.msg === 'turn failed')).toEqual([
      expect.objectContaining({
        turnId,
        errorCode: 'ROUTING_FAILED',
        inputTokens: 3000,
        cachedInputTokens: 1200,
        outputTokens: 150,
      }),
    ]);
    expect(lines.find((line) => line.msg === 'turn failed')!.costUsd).toBeCloseTo(ROUTER_COST, 8);
  });

  it('exports a failed turn with the tokens it used, in JSON and Markdown', async () => {
    const { conversationId } = await neverHandsOff();
    const json = JSON.parse((await h.api.conversations.export({ conversationId, format: 'json' })).content) as JsonExport;
    expect(json.turns[0]).toMatchObject({ status: 'failed', usage: { inputTokens: 3000, outputTokens: 150 } });
    const markdown = (await h.api.conversations.export({ conversationId, format: 'markdown' })).content;
    expect(markdown).toContain('3000 in (1200 cached), 150 out (3150 total)');
  });

  it('counts the calls made before a model error', async () => {
    h.script(routeTo(h.team, 'Strategic', 'A pricing question.'), modelError(new Error('upstream exploded')));
    const error = await rejection(h.api.chat.send({ message: 'How should I price my candles?' }));
    const { turnId, conversationId } = await failedTurn(error);
    const [turn] = (await h.api.chat.history({ conversationId })).turns;
    expect(turn).toMatchObject({ id: turnId, status: 'failed', usage: { inputTokens: 120, outputTokens: 20 } });
    expect(await h.api.stats.agentUsage({ conversationId })).toEqual([
      expect.objectContaining({ agent: 'Orchestrator', turns: 1, inputTokens: 120, outputTokens: 20 }),
      expect.objectContaining({ agent: 'Strategic', turns: 1, inputTokens: 0, outputTokens: 0 }),
    ]);
  });

  it('counts a stopped turn’s calls in stats and its log line', async () => {
    const held = gate();
    h.script(
      routeTo(h.team, 'Strategic', 'Pricing.'),
      heldStream('Charge 24 EUR for the large candle.', { afterWords: 2, until: new Promise(() => {}), onHeld: held.open }),
    );
    // Stopped after two words: the send answers with the stopped reply.
    const sending = h.api.chat.send({ message: 'What should I charge?' });
    await held.promise;
    const [turnId] = h.chat.running.list().map((t) => t.turnId);
    await h.api.chat.cancel({ turnId: turnId! });
    expect((await sending).turn).toMatchObject({ status: 'cancelled', usage: { inputTokens: 120, outputTokens: 20 } });
    const { conversationId } = (await findTurn(database.db, turnId!))!;
    expect(await h.api.stats.agentUsage({ conversationId })).toEqual([
      expect.objectContaining({ agent: 'Orchestrator', turns: 1, inputTokens: 120, outputTokens: 20 }),
      expect.objectContaining({ agent: 'Strategic', turns: 1 }),
    ]);
    expect(lines.filter((line) => line.msg === 'turn cancelled')).toEqual([
      expect.objectContaining({ turnId, status: 'cancelled', inputTokens: 120, outputTokens: 20 }),
    ]);
  });

  it('keeps a failed attempt’s tokens when the retry answers', async () => {
    const { turnId, conversationId } = await neverHandsOff();
    h.script(routeTo(h.team, 'Creative', 'Naming.'), reply('Call it Lumen.'));
    const retried = await h.api.chat.retry({ turnId });
    expect(retried.turn).toMatchObject({
      status: 'completed',
      usage: { inputTokens: 3000 + 120 + 200, outputTokens: 150 + 20 + 80 },
    });
    const stats = Object.fromEntries((await h.api.stats.agentUsage({ conversationId })).map((u) => [u.agent, u]));
    expect(stats.Orchestrator).toMatchObject({ turns: 1, inputTokens: 3120, outputTokens: 170 });
    expect(stats.Creative).toMatchObject({ turns: 1, inputTokens: 200, outputTokens: 80 });
    expect(lines.filter((line) => line.msg === 'turn completed')).toEqual([
      expect.objectContaining({ turnId, inputTokens: 3320, outputTokens: 250 }),
    ]);
  });
}

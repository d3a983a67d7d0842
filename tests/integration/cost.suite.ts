// Estimated cost per turn and per agent, from the model each turn ran on.

import { type ModelResponse, Usage } from '@openai/agents';
import { modelResponder, type ScriptedModelInput } from '@openai/agents/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { inputTexts, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

// The scripted steps spend 120 in / 20 out (Orchestrator) and 200 in / 80 out (the expert).
const usd = (inputTokens: number, outputTokens: number, inPerM: number, outPerM: number) =>
  (inputTokens * inPerM + outputTokens * outPerM) / 1_000_000;

export function costSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('prices a turn on a known model from its tokens, and shows it again in history', async () => {
    const h = chatHarness(database, { modelName: 'gpt-4o-mini' });
    h.script(routeTo(h.team, 'Creative', 'naming'), reply('Lumen & Wick'));
    const { conversationId, turn } = await h.api.chat.send({ message: 'Name my candle brand' });
    expect(turn.model).toBe('gpt-4o-mini');
    expect(turn.cost!.usd).toBeCloseTo(usd(320, 100, 0.15, 0.6), 12);
    const history = await h.api.chat.history({ conversationId });
    expect(history.turns[0]!.cost).toEqual(turn.cost);
  });

  it('prices a dated snapshot like its model', async () => {
    const h = chatHarness(database, { modelName: 'gpt-4o-2024-08-06' });
    h.script(routeTo(h.team, 'Media', 'reels'), reply('Post reels.'));
    const { turn } = await h.api.chat.send({ message: 'Grow my Instagram' });
    expect(turn.cost!.usd).toBeCloseTo(usd(320, 100, 2.5, 10), 12);
  });

  it('shows tokens but no cost for a model of unknown price', async () => {
    const h = chatHarness(database, { modelName: 'llama3.1:8b' });
    h.script(routeTo(h.team, 'Producing', 'ops'), reply('Order wax first.'));
    const { turn } = await h.api.chat.send({ message: 'Plan production' });
    expect(turn.cost).toBeNull();
    expect(turn.usage.totalTokens).toBe(420);
  });

  it('sums cost per agent across turns on different models, and gives up only where a price is unknown', async () => {
    const mini = chatHarness(database, { modelName: 'gpt-4o-mini' });
    mini.script(routeTo(mini.team, 'Creative', 'naming'), reply('Lumen & Wick'));
    const { conversationId } = await mini.api.chat.send({ message: 'Name my brand' });
    const full = chatHarness(database, { modelName: 'gpt-4.1' });
    full.script(routeTo(full.team, 'Strategic', 'pricing'), reply('Charge 24 EUR.'));
    await full.api.chat.send({ conversationId, message: 'How should I price it?' });

    const known = await mini.api.stats.agentUsage({ conversationId });
    expect(known.map((u) => u.agent)).toEqual(['Creative', 'Orchestrator', 'Strategic']);
    const cost = Object.fromEntries(known.map((u) => [u.agent, u.costUsd]));
    expect(cost.Creative).toBeCloseTo(usd(200, 80, 0.15, 0.6), 12);
    expect(cost.Strategic).toBeCloseTo(usd(200, 80, 2, 8), 12);
    expect(cost.Orchestrator).toBeCloseTo(usd(120, 20, 0.15, 0.6) + usd(120, 20, 2, 8), 12);

    const local = chatHarness(database, { modelName: 'qwen2.5:7b' });
    local.script(routeTo(local.team, 'Creative', 'tagline'), reply('Light that lingers.'));
    await local.api.chat.send({ conversationId, message: 'And a tagline?' });
    const mixed = await mini.api.stats.agentUsage({ conversationId });
    const after = Object.fromEntries(mixed.map((u) => [u.agent, u.costUsd]));
    expect(after).toMatchObject({ Creative: null, Orchestrator: null });
    expect(after.Strategic).toBeCloseTo(usd(200, 80, 2, 8), 12);
    expect(mixed.find((u) => u.agent === 'Creative')).toMatchObject({ turns: 2, inputTokens: 400, outputTokens: 160 });
  });

  it('prices cached input at the cached rate and the Orchestrator on its own model, per turn and per agent', async () => {
    const h = chatHarness(database, { modelName: 'gpt-4.1', routerModelName: 'gpt-4.1-nano' });
    const cached = (step: ScriptedModelInput, cachedTokens: number): ScriptedModelInput => {
      const usage = (step as { usage: Usage }).usage;
      return {
        ...(step as object),
        usage: new Usage({ ...usage, inputTokensDetails: { cached_tokens: cachedTokens } }),
      } as ScriptedModelInput;
    };
    h.script(cached(routeTo(h.team, 'Strategic', 'pricing'), 100), cached(reply('Charge 24 EUR.'), 150));
    const { conversationId, turn } = await h.api.chat.send({ message: 'How should I price my candles?' });

    expect(turn.usage).toMatchObject({ inputTokens: 320, cachedInputTokens: 250, outputTokens: 100 });
    expect(turn.agentUsage).toEqual([
      expect.objectContaining({ agent: 'Orchestrator', model: 'gpt-4.1-nano', inputTokens: 120, cachedInputTokens: 100 }),
      expect.objectContaining({ agent: 'Strategic', model: 'gpt-4.1', inputTokens: 200, cachedInputTokens: 150 }),
    ]);
    // nano: 0.1 in, 0.025 cached, 0.4 out; gpt-4.1: 2 in, 0.5 cached, 8 out (per million).
    const router = (20 * 0.1 + 100 * 0.025 + 20 * 0.4) / 1e6;
    const expert = (50 * 2 + 150 * 0.5 + 80 * 8) / 1e6;
    expect(turn.cost!.usd).toBeCloseTo(router + expert, 12);
    const history = await h.api.chat.history({ conversationId });
    expect(history.turns[0]!.usage.cachedInputTokens).toBe(250);

    const stats = Object.fromEntries((await h.api.stats.agentUsage({ conversationId })).map((u) => [u.agent, u]));
    expect(stats.Orchestrator).toMatchObject({ cachedInputTokens: 100 });
    expect(stats.Orchestrator!.costUsd).toBeCloseTo(router, 12);
    expect(stats.Strategic!.costUsd).toBeCloseTo(expert, 12);
  });

  it("routes on the memory's short view while the expert reads the whole window", async () => {
    const h = chatHarness(database, { routerBudget: 300 });
    const inputs: { agent: string; texts: string[] }[] = [];
    const long = (n: number) => `Answer ${n}: ${'pour the wax slowly and label every jar '.repeat(12)}`;
    let conversationId: string | undefined;
    for (let n = 1; n <= 6; n += 1) {
      h.script(
        modelResponder(async ({ request }) => {
          inputs.push({ agent: 'Orchestrator', texts: inputTexts(request.input) });
          return routeTo(h.team, 'Producing', 'ops') as ModelResponse;
        }),
        modelResponder(async ({ request }) => {
          inputs.push({ agent: 'Producing', texts: inputTexts(request.input) });
          return reply(long(n)) as ModelResponse;
        }),
      );
      ({ conversationId } = await h.api.chat.send({ conversationId, message: n === 6 ? 'Shorter please.' : `Step ${n}?` }));
    }
    const [router, expert] = inputs.slice(-2);
    expect(expert!.texts.filter((t) => t.startsWith('Answer'))).toHaveLength(5);
    expect(router!.texts.at(-1)).toBe('Shorter please.');
    expect(router!.texts.some((t) => t.startsWith('Answer 5:'))).toBe(true);
    expect(router!.texts.some((t) => t.startsWith('Answer 1:'))).toBe(false);
  });
}

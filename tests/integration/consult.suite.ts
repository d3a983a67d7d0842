// Cross-domain turns: the owner expert consults a colleague as a tool, on either database driver.
import { Usage } from '@openai/agents';
import { assistantMessage, modelError, modelResponder, type ScriptedModelInput } from '@openai/agents/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import type { TurnEventDto as TurnEvent } from '../../server/routers/dto.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { callTool, inputTexts, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const PRICE_QUESTION = 'What retail price suits a 200 g soy candle sold online to eco-minded buyers in Germany?';
const NAME_AND_PRICE = 'Name my eco candle brand and tell me what to charge';

const consult = (expert: ExpertName, question: string) => callTool(consultToolName(expert), { question });

/** What the consult tools returned to the owner, as a recorded model call received it. */
function consultOutputs(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  const items = input as { type?: string; name?: string; callId?: string; output?: unknown }[];
  const consultCalls = new Set(
    items.filter((i) => i.type === 'function_call' && i.name?.startsWith('consult_')).map((i) => i.callId),
  );
  return items.flatMap((item) => {
    if (item.type !== 'function_call_result' || !consultCalls.has(item.callId)) return [];
    const output = item.output as string | { text?: string };
    return [typeof output === 'string' ? output : (output.text ?? JSON.stringify(output))];
  });
}

export function consultSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers a cross-domain request in one reply, recording the consult in order with its cost', async () => {
    const h = chatHarness(database);
    h.script(
      routeTo(h.team, 'Creative', 'A brand name, with a price as a side question.'),
      consult('Strategic', PRICE_QUESTION),
      reply('Charge 24 EUR: it sits between mass-market and artisan candles.'),
      reply('Call it Lumen & Wick. Strategic suggests 24 EUR, between mass-market and artisan.'),
    );

    const { conversationId, turn, reply: answer } = await h.api.chat.send({ message: NAME_AND_PRICE });

    h.model.assertComplete();
    expect(answer).toMatchObject({ agent: 'Creative', content: expect.stringContaining('Lumen & Wick') });
    expect(answer!.content).toContain('24 EUR');
    expect(turn.status).toBe('completed');
    expect(turn.agents).toEqual(['Orchestrator', 'Creative', 'Strategic']);
    expect(turn.consults).toEqual([
      {
        by: 'Creative',
        agent: 'Strategic',
        question: PRICE_QUESTION,
        inputTokens: 200,
        cachedInputTokens: 0,
        outputTokens: 80,
        ms: expect.any(Number),
        ok: true,
      },
    ]);
    expect(turn.consults[0]!.ms).toBeGreaterThanOrEqual(0);
    expect(turn.tools).toEqual([{ agent: 'Creative', name: 'consult_strategic', ms: expect.any(Number), ok: true }]);
    // Orchestrator 120/20, Creative 150/10 + 200/80, Strategic (consulted) 200/80.
    expect(turn.usage).toMatchObject({ inputTokens: 670, outputTokens: 190 });
    expect(turn.agentUsage.map((u) => [u.agent, u.inputTokens, u.outputTokens])).toEqual([
      ['Orchestrator', 120, 20],
      ['Creative', 350, 90],
      ['Strategic', 200, 80],
    ]);

    // The colleague sees only the question; the owner gets the answer back as the tool's output.
    const [, ownerAsks, nested, ownerWrites] = h.model.calls;
    expect(inputTexts(nested!.request.input)).toEqual([PRICE_QUESTION]);
    expect(consultOutputs(ownerWrites!.request.input)).toEqual([
      'Charge 24 EUR: it sits between mass-market and artisan candles.',
    ]);
    expect(ownerAsks!.request.tools.map((t) => t.name).sort()).toEqual([
      'consult_media',
      'consult_producing',
      'consult_strategic',
      'read_document',
      'remember',
      'search_files',
      'update_document',
      'write_document',
    ]);

    const history = await h.api.chat.history({ conversationId });
    expect(history.turns).toEqual([turn]);
    expect(history.messages.map((m) => [m.role, m.agent])).toEqual([
      ['user', null],
      ['assistant', 'Creative'],
    ]);
  });

  it('gives a consulted expert no consult tools, so consults never nest', async () => {
    const h = chatHarness(database);
    h.script(
      routeTo(h.team, 'Media', 'A launch plan with a pricing question.'),
      consult('Strategic', 'Should the launch offer be a discount or a bundle?'),
      reply('A bundle: it keeps the list price intact.'),
      reply('Launch with a bundle post series.'),
    );
    await h.api.chat.send({ message: 'Plan my Instagram launch and the launch offer' });

    h.model.assertComplete();
    const nested = h.model.calls[2]!.request;
    expect(nested.tools.filter((t) => t.name.startsWith('consult_'))).toEqual([]);
    expect(nested.handoffs).toEqual([]);
    expect(nested.systemInstructions).toMatch(/consulting you/);
  });

  it('keeps the turn and the reply when a consult fails, marking the consult not ok', async () => {
    const h = chatHarness(database);
    h.script(
      routeTo(h.team, 'Creative', 'Naming, with a price question.'),
      consult('Strategic', PRICE_QUESTION),
      modelError(new Error('upstream exploded')),
      reply('Call it Lumen & Wick. I could not check the price with Strategic; ask again later.'),
    );

    const { turn, reply: answer } = await h.api.chat.send({ message: NAME_AND_PRICE });

    h.model.assertComplete();
    expect(answer).toMatchObject({ agent: 'Creative', content: expect.stringContaining('Lumen & Wick') });
    expect(turn).toMatchObject({ status: 'completed', error: null });
    expect(turn.agents).toEqual(['Orchestrator', 'Creative', 'Strategic']);
    expect(turn.consults).toEqual([
      expect.objectContaining({ by: 'Creative', agent: 'Strategic', question: PRICE_QUESTION, ok: false }),
    ]);
    expect(turn.tools).toEqual([expect.objectContaining({ name: 'consult_strategic', ok: false })]);
    // The owner is told the colleague could not answer, in words it can act on.
    const [output] = consultOutputs(h.model.lastCall!.request.input);
    expect(output).toMatch(/Strategic could not answer/);
  });

  it('counts each of two parallel consults to its own expert', async () => {
    const h = chatHarness(database);
    const usage = (inputTokens: number, outputTokens: number) =>
      new Usage({ requests: 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens });
    const answerAs = modelResponder(({ request }) =>
      request.systemInstructions?.includes('You are Media')
        ? { output: [assistantMessage('Post three reels a week.')], usage: usage(300, 40) }
        : { output: [assistantMessage('Charge 24 EUR.')], usage: usage(200, 80) },
    );
    const both: ScriptedModelInput = {
      output: [
        ...(consult('Strategic', 'Price for a soy candle?') as { output: unknown[] }).output,
        ...(consult('Media', 'Best channel to launch a candle brand?') as { output: unknown[] }).output,
      ] as never,
      usage: usage(150, 10),
    };
    h.script(routeTo(h.team, 'Creative', 'Brand launch.'), both, answerAs, answerAs, reply('Lumen & Wick, 24 EUR, reels.'));

    const { turn } = await h.api.chat.send({ message: 'Name, price and launch channel for my candles' });

    h.model.assertComplete();
    expect(turn.agents).toEqual(['Orchestrator', 'Creative', 'Strategic', 'Media']);
    expect(turn.consults.map((c) => [c.agent, c.inputTokens, c.outputTokens, c.ok])).toEqual([
      ['Strategic', 200, 80, true],
      ['Media', 300, 40, true],
    ]);
    expect(turn.usage).toMatchObject({ inputTokens: 120 + 150 + 200 + 300 + 200, outputTokens: 20 + 10 + 80 + 40 + 80 });
  });

  it('sends tool events naming the consulted expert when a consult starts and ends', async () => {
    const h = chatHarness(database);
    h.script(
      routeTo(h.team, 'Creative', 'Naming, with a price question.'),
      consult('Strategic', PRICE_QUESTION),
      reply('Charge 24 EUR.'),
      reply('Call it Lumen & Wick, at 24 EUR.'),
    );
    const events: TurnEvent[] = [];
    for await (const event of await h.api.chat.stream({ message: NAME_AND_PRICE })) events.push(event);

    const tools = events.filter((e) => e.type === 'tool');
    expect(tools).toEqual([
      expect.objectContaining({ phase: 'start', agent: 'Creative', name: 'consult_strategic', consulted: 'Strategic' }),
      expect.objectContaining({ phase: 'end', agent: 'Creative', name: 'consult_strategic', consulted: 'Strategic', ok: true }),
    ]);
    // The colleague answers the owner, not the user: no agent switch and no text of its own.
    expect(events.filter((e) => e.type === 'agent').map((e) => e.agent)).toEqual(['Orchestrator', 'Creative']);
    const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(streamed).not.toContain('Charge 24 EUR.');
    expect(events.at(-1)).toMatchObject({ type: 'done', turn: { consults: [expect.objectContaining({ ok: true })] } });
  });

  it('counts a consulted expert in per-agent usage', async () => {
    const h = chatHarness(database);
    h.script(
      routeTo(h.team, 'Producing', 'A production plan with a copy question.'),
      consult('Creative', 'A one-line label text for a hand-poured soy candle?'),
      reply('Hand-poured, slow-burning, honest.'),
      reply('Week 1: order wax. Label: "Hand-poured, slow-burning, honest."'),
    );
    const { conversationId } = await h.api.chat.send({ message: 'Plan my first batch of 100 candles, with label text' });

    const usage = await h.api.stats.agentUsage({ conversationId });
    expect(usage.map((u) => [u.agent, u.turns, u.inputTokens, u.outputTokens])).toEqual([
      ['Creative', 1, 200, 80],
      ['Orchestrator', 1, 120, 20],
      ['Producing', 1, 350, 90],
    ]);
    // The consulted expert is counted as consulted, not as having answered.
    expect(usage.map((u) => [u.agent, u.answered, u.consulted])).toEqual([
      ['Creative', 0, 1],
      ['Orchestrator', 0, 0],
      ['Producing', 1, 0],
    ]);
    const byAgent = await h.api.conversations.list({ agent: 'Creative' });
    expect(byAgent.items.map((i) => i.id)).toContain(conversationId);
  });
}

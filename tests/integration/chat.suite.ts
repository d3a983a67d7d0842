// The core turn through the tRPC API, on whichever database driver the caller passes.
import { modelError } from '@openai/agents/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { conversations, messages, turns } from '../../db/schema.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { playConversation } from '../support/conversation-script.ts';
import { inputTexts, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

export function chatSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const rowCounts = async () => ({
    conversations: (await database.db.select({ n: count() }).from(conversations))[0]!.n,
    messages: (await database.db.select({ n: count() }).from(messages))[0]!.n,
    turns: (await database.db.select({ n: count() }).from(turns))[0]!.n,
  });

  describe('routing', () => {
    it.each(EXPERT_NAMES)('hands a message to %s through a real handoff and records why', async (expert) => {
      const h = chatHarness(database);
      const reason = `The user asks for something ${expert} owns.`;
      h.script(routeTo(h.team, expert, reason), reply(`${expert} answers.`));

      const { conversationId, turn, reply: answer } = await h.api.chat.send({ message: `A question for ${expert}` });

      h.model.assertComplete();
      expect(answer).toMatchObject({ role: 'assistant', agent: expert, content: `${expert} answers.` });
      expect(turn.status).toBe('completed');
      expect(turn.agents).toEqual(['Orchestrator', expert]);
      expect(turn.handoffs).toEqual([{ from: 'Orchestrator', to: expert, reason }]);
      expect(turn.usage).toMatchObject({ inputTokens: 320, outputTokens: 100, totalTokens: 420 });
      expect(turn.agentUsage.map((u) => [u.agent, u.inputTokens, u.outputTokens])).toEqual([
        ['Orchestrator', 120, 20],
        [expert, 200, 80],
      ]);
      expect(turn.latencyMs).toBeGreaterThanOrEqual(0);
      expect(turn.model).toBe('scripted');

      const history = await h.api.chat.history({ conversationId });
      expect(history.messages.map((m) => [m.role, m.agent])).toEqual([
        ['user', null],
        ['assistant', expert],
      ]);
      expect(history.turns[0]).toEqual(turn);
    });

    it('gives the Orchestrator a required tool choice and all four transfers', async () => {
      const h = chatHarness(database);
      h.script(routeTo(h.team, 'Creative', 'naming'), reply('Lumen & Wick'));
      await h.api.chat.send({ message: 'Name my candle brand' });
      const first = h.model.calls[0]!.request;
      expect(first.modelSettings.toolChoice).toBe('required');
      expect(first.handoffs.map((handoff) => handoff.toolName).sort()).toHaveLength(4);
    });
  });

  describe('memory', () => {
    it("shows turn 1's reply to the model in turn 2, and nothing before a reset", async () => {
      const h = chatHarness(database);
      h.script(routeTo(h.team, 'Creative', 'naming'), reply('Call it Lumen & Wick.'));
      const first = await h.api.chat.send({ message: 'A brand name for eco candles?' });

      h.script(routeTo(h.team, 'Media', 'audience growth'), reply('Post reels of Lumen & Wick.'));
      await h.api.chat.send({ conversationId: first.conversationId, message: 'How do I grow on Instagram?' });
      const turn2Input = inputTexts(h.model.calls[2]!.request.input);
      expect(turn2Input).toContain('Call it Lumen & Wick.');
      expect(turn2Input).toContain('A brand name for eco candles?');

      const reset = await h.api.chat.reset({ conversationId: first.conversationId });
      expect(reset.conversationId).toBe(first.conversationId);
      h.script(routeTo(h.team, 'Strategic', 'pricing'), reply('Price at 24 EUR.'));
      await h.api.chat.send({ conversationId: first.conversationId, message: 'What price?' });
      const turn3Input = inputTexts(h.model.calls[4]!.request.input);
      expect(turn3Input).toEqual(['What price?']);

      const history = await h.api.chat.history({ conversationId: first.conversationId });
      expect(history.messages).toHaveLength(6);
      const memory = await h.api.chat.memory({ conversationId: first.conversationId });
      expect(memory).toMatchObject({ summary: '', windowMessages: 2, budget: 8000, pendingSummary: false });
      expect(memory.windowTokens).toBeGreaterThan(0);
      expect(history.conversation.memoryFrom).toBe(reset.memoryFrom);
    });

    it('keeps the newest messages within the token budget', async () => {
      const h = chatHarness(database, { memoryBudget: 180 });
      const long = (n: number) => `Message ${n}: ${'word '.repeat(60)}`;
      // The older messages overflow, so a Summarizer call follows some turns.
      const play = playConversation(h.model, h.team, {
        summarize: () => 'The user sent filler messages.',
        answer: (question) => `Answer ${/Message (\d+)/.exec(question)?.[1]}`,
      });
      let conversationId: string | undefined;
      for (let n = 1; n <= 4; n += 1) {
        play.ready();
        ({ conversationId } = await h.api.chat.send({ conversationId, message: long(n) }));
        await h.chat.housekeeping.idle();
      }
      const lastInput = play.played.findLast((call) => call.role === 'expert')!.texts;
      expect(lastInput.reduce((sum, text) => sum + countTokens(text), 0)).toBeLessThanOrEqual(180);
      expect(lastInput.at(-1)).toBe(long(4));
      expect(lastInput).not.toContain(long(1));
      expect(lastInput).not.toContain(long(2));
      expect(lastInput).toContain(long(3));
      expect(lastInput).toContain('Answer 3');
    });
  });

  describe('failures', () => {
    it('keeps the message when the model fails, and retry completes it without a duplicate', async () => {
      const h = chatHarness(database);
      h.script(modelError(new Error('upstream exploded')));
      const error = await rejection(h.api.chat.send({ message: 'Plan my launch', clientMessageId: 'c-1' }));
      expect(error.code).toBe('BAD_GATEWAY');
      expect(error.message).toMatch(/saved/);
      const turnId = (error.cause as { turnId: string }).turnId;

      const failed = await database.db.select().from(turns);
      const stored = failed.find((t) => t.id === turnId)!;
      expect(stored).toMatchObject({ status: 'failed', errorCode: 'INTERNAL' });

      h.script(routeTo(h.team, 'Producing', 'launch plan'), reply('Week 1: ...'));
      const retried = await h.api.chat.retry({ turnId });
      expect(retried.turn).toMatchObject({ id: turnId, status: 'completed', error: null });
      const history = await h.api.chat.history({ conversationId: retried.conversationId });
      expect(history.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(history.turns).toHaveLength(1);

      const again = await rejection(h.api.chat.retry({ turnId }));
      expect(again.code).toBe('CONFLICT');
    });

    it('answers PRECONDITION_FAILED without a model, storing the message for a later retry', async () => {
      const h = chatHarness(database);
      const runner = h.chat.agents.runner;
      h.chat.agents = { ...h.chat.agents, runner: null };
      const error = await rejection(h.api.chat.send({ message: 'Hello?' }));
      expect(error.code).toBe('PRECONDITION_FAILED');
      expect(error.message).toMatch(/OPENAI_API_KEY/);
      const turnId = (error.cause as { turnId: string }).turnId;

      h.chat.agents = { ...h.chat.agents, runner };
      h.script(routeTo(h.team, 'Strategic', 'greeting'), reply('Hi! What are you building?'));
      const retried = await h.api.chat.retry({ turnId });
      expect(retried.reply!.content).toBe('Hi! What are you building?');
    });

    it('refuses bad input with the documented codes and stores nothing', async () => {
      const h = chatHarness(database);
      const before = await rowCounts();
      const cases: [() => Promise<unknown>, string][] = [
        [() => h.api.chat.send({ message: '' }), 'BAD_REQUEST'],
        [() => h.api.chat.send({ message: '  \n\t ' }), 'BAD_REQUEST'],
        [() => h.api.chat.send({ message: 'x'.repeat(16_001) }), 'BAD_REQUEST'],
        [() => h.api.chat.send({ conversationId: 'not-a-uuid', message: 'hi' }), 'BAD_REQUEST'],
        [() => h.api.chat.send({ conversationId: crypto.randomUUID(), message: 'hi' }), 'NOT_FOUND'],
        [() => h.api.chat.retry({ turnId: 'nope' }), 'BAD_REQUEST'],
        [() => h.api.chat.retry({ turnId: crypto.randomUUID() }), 'NOT_FOUND'],
        [() => h.api.chat.reset({ conversationId: crypto.randomUUID() }), 'NOT_FOUND'],
        [() => h.api.chat.history({ conversationId: crypto.randomUUID() }), 'NOT_FOUND'],
        [() => h.api.conversations.list({ agent: 'Nobody' as 'Media' }), 'BAD_REQUEST'],
        [() => h.api.conversations.list({ cursor: 'garbage' }), 'BAD_REQUEST'],
      ];
      for (const [call, code] of cases) {
        const error = await rejection(call());
        expect(error.code).toBe(code);
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('answers a resend with the same clientMessageId with the original turn', async () => {
      const h = chatHarness(database);
      h.script(routeTo(h.team, 'Creative', 'copy'), reply('Tagline: Light, slowly.'));
      const first = await h.api.chat.send({ message: 'A tagline please', clientMessageId: 'resend-1' });
      const before = await rowCounts();
      const again = await h.api.chat.send({
        conversationId: first.conversationId,
        message: 'A tagline please',
        clientMessageId: 'resend-1',
      });
      expect(again).toEqual(first);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('review by agent', () => {
    it('filters conversations by agent and text, and sums usage per agent', async () => {
      const h = chatHarness(database);
      h.script(routeTo(h.team, 'Media', 'tiktok'), reply('Post daily.'));
      const media = await h.api.chat.send({ message: 'TikTok plan for my pottery studio' });
      h.script(routeTo(h.team, 'Strategic', 'pricing'), reply('Charge 40.'));
      const strategic = await h.api.chat.send({ message: 'Pricing for pottery classes' });

      const byAgent = await h.api.conversations.list({ agent: 'Media' });
      expect(byAgent.items.map((i) => i.id)).toContain(media.conversationId);
      expect(byAgent.items.map((i) => i.id)).not.toContain(strategic.conversationId);
      expect(byAgent.items.find((i) => i.id === media.conversationId)?.agents).toEqual(['Media', 'Orchestrator']);

      const byText = await h.api.conversations.list({ query: 'pricing for POTTERY' });
      expect(byText.items.map((i) => i.id)).toEqual([strategic.conversationId]);

      const usage = await h.api.stats.agentUsage({ conversationId: media.conversationId });
      expect(usage.map((u) => [u.agent, u.turns, u.inputTokens, u.outputTokens])).toEqual([
        ['Media', 1, 200, 80],
        ['Orchestrator', 1, 120, 20],
      ]);
      expect(usage[0]!.p50LatencyMs).toBeGreaterThanOrEqual(0);
      expect(usage[0]!.p95LatencyMs).toBeGreaterThanOrEqual(usage[0]!.p50LatencyMs!);
    });

    it('pages the conversation list with a cursor, newest first', async () => {
      const h = chatHarness(database);
      for (const n of [1, 2, 3]) {
        h.script(routeTo(h.team, 'Producing', 'ops'), reply(`ok ${n}`));
        await h.api.chat.send({ message: `paging test ${n}` });
      }
      const page1 = await h.api.conversations.list({ query: 'paging test', limit: 2 });
      expect(page1.items.map((i) => i.title)).toEqual(['paging test 3', 'paging test 2']);
      const page2 = await h.api.conversations.list({ query: 'paging test', limit: 2, cursor: page1.nextCursor });
      expect(page2.items.map((i) => i.title)).toEqual(['paging test 1']);
      expect(page2.nextCursor).toBeNull();
    });
  });
}

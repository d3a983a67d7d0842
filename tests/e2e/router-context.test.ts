// A long conversation against an OpenAI-compatible server that reports cached tokens, as a user
// would run it: the Orchestrator routes on a short context on its own model, the expert reads the
// whole window, and each turn records what the server said was served from its cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBenchApp } from '../../bench/bench-app.ts';
import { buildTeam } from '../../server/agents/team.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS } from '../../server/memory/router-context.ts';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { type ChatRequest, type FakeOpenAI, messageTexts, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate } from '../support/http-api.ts';
import { NO_TOOLS, transferToolName } from '../support/scripted-runtime.ts';

type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };

const team = buildTeam(NO_TOOLS);
const isRouting = (request: ChatRequest) => Boolean(request.tools?.some((t) => t.function.name.startsWith('transfer_to_')));
const conversationTexts = (request: ChatRequest) =>
  messageTexts({ ...request, messages: request.messages.filter((m) => m.role === 'user' || m.role === 'assistant') });
const lastUserText = (request: ChatRequest) =>
  messageTexts({ ...request, messages: request.messages.filter((m) => m.role === 'user').slice(-1) }).join('');

/** Every expert reply is long (about 400 tokens) and names its turn, so tests can find it. */
const replyFor = (turn: number) => `Reply ${turn}: ${'Keep the wax blend and the label; raise the price a little. '.repeat(26)}`;

describe('routing on a short context in a long conversation', () => {
  let model: FakeOpenAI;
  let app: Awaited<ReturnType<typeof startBenchApp>>;
  const turns: SendResult[] = [];
  const byTurn: { routing: ChatRequest; expert: ChatRequest; usages: FakeOpenAI['usages'] }[] = [];

  beforeAll(async () => {
    let turn = 0;
    model = await startFakeOpenAI((request) => {
      if (isRouting(request))
        return { toolCalls: [{ name: transferToolName(team, 'Strategic'), arguments: { reason: 'Pricing.' } }] };
      const last = lastUserText(request);
      if (last.startsWith('Summary so far:')) return { text: `- The user sells candles; turn ${turn} folded.` };
      return { text: replyFor(turn) };
    });
    app = await startBenchApp('pglite', model.url, {
      SWITCHBOARD_MODEL: 'expert-large',
      SWITCHBOARD_ROUTER_MODEL: 'router-mini',
    });
    let conversationId: string | undefined;
    for (turn = 1; turn <= 24; turn += 1) {
      const before = model.requests.length;
      const message = turn === 24 ? 'Make it shorter.' : `Question ${turn}: how should I price candle set ${turn}?`;
      const sent = await mutate<SendResult>(app.url, 'chat.send', { conversationId, message });
      if (sent.error) throw new Error(sent.error.message);
      conversationId = sent.data.conversationId;
      turns.push(sent.data);
      // A fold runs after a reply, so its Summarizer call may land among any turn's calls.
      const calls = model.requests
        .map((request, i) => ({ request, usage: model.usages[i]! }))
        .slice(before)
        .filter((call) => !lastUserText(call.request).startsWith('Summary so far:'));
      byTurn.push({
        routing: calls.find((call) => isRouting(call.request))!.request,
        expert: calls.filter((call) => !isRouting(call.request)).at(-1)!.request,
        usages: calls.map((call) => call.usage),
      });
    }
  }, 180_000);
  afterAll(async () => {
    await app?.dispose();
    await model?.close();
  });

  it('sends late routing calls a fraction of what the expert reads, which still holds the whole window', () => {
    const last = byTurn.at(-1)!;
    // The conversation part: the instructions are the agent's own and the same on every turn.
    const chars = (request: ChatRequest) => conversationTexts(request).join('').length;
    expect(chars(last.routing)).toBeLessThan(chars(last.expert) * 0.3);
    // The expert still reads replies from many turns back; the router only the newest few.
    const oldestReply = (request: ChatRequest) =>
      Math.min(
        ...[
          ...messageTexts(request)
            .join('\n')
            .matchAll(/Reply (\d+):/g),
        ].map((m) => Number(m[1])),
      );
    expect(oldestReply(last.expert)).toBeLessThan(oldestReply(last.routing) - 3);
    // Within the default SWITCHBOARD_ROUTER_CONTEXT_TOKENS (about four characters a token).
    expect(chars(last.routing)).toBeLessThan(DEFAULT_ROUTER_CONTEXT_TOKENS * 4.5);
  });

  it('shows the router the exchange a follow-up refers to, and the summary', () => {
    const routingText = messageTexts(byTurn.at(-1)!.routing).join('\n');
    expect(routingText).toContain('Make it shorter.');
    expect(routingText).toContain('Question 23:');
    expect(routingText).toContain('Reply 23:');
    expect(routingText).toContain('Summary of the earlier conversation');
  });

  it('runs the Orchestrator on SWITCHBOARD_ROUTER_MODEL and records each agent on its own model', () => {
    const last = byTurn.at(-1)!;
    expect(last.routing.model).toBe('router-mini');
    expect(last.expert.model).toBe('expert-large');
    const turn = turns.at(-1)!.turn;
    expect(turn.model).toBe('expert-large');
    expect(turn.agentUsage.map((u) => [u.agent, u.model])).toEqual([
      ['Orchestrator', 'router-mini'],
      ['Strategic', 'expert-large'],
    ]);
  });

  it('records the cached tokens the server reported, per turn and per agent', () => {
    for (const [index, { turn }] of turns.entries()) {
      const agentCalls = byTurn[index]!.usages;
      expect(agentCalls).toHaveLength(2);
      expect(turn.usage.cachedInputTokens).toBe(agentCalls.reduce((sum, u) => sum + u.cachedTokens, 0));
    }
    const late = turns.at(-1)!.turn;
    expect(late.usage.cachedInputTokens).toBeGreaterThan(0);
    expect(late.usage.cachedInputTokens).toBeLessThan(late.usage.inputTokens);
    const expert = late.agentUsage.find((u) => u.agent === 'Strategic')!;
    expect(expert.cachedInputTokens).toBe(byTurn.at(-1)!.usages.at(-1)!.cachedTokens);
  });
});

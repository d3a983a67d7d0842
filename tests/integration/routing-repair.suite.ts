// Routing on servers that ignore tool_choice, through the SDK's real HTTP path: the Orchestrator's
// words are never a reply (stored or streamed); a lapse is repaired, a transfer written as text is
// recognised, a structured choice is the last resort, and a router that never chooses fails clearly.

import { OpenAIProvider } from '@openai/agents';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createAgentRuntime } from '../../server/agents/runtime.ts';
import { buildTeam } from '../../server/agents/team.ts';
import { ERRORS } from '../../server/errors.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import type { TurnEventDto } from '../../server/routers/dto.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { apiOver, rejection } from '../support/chat-harness.ts';
import { type ChatRequest, type FakeOpenAI, type FakeReply, messageTexts, startFakeOpenAI } from '../support/fake-openai.ts';
import { NO_TOOLS, transferToolName } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const team = buildTeam(NO_TOOLS);
const PROMISE = 'I will hand this over to our Creative expert.';

const isRouterCall = (r: ChatRequest) => r.tools?.some((t) => t.function.name.startsWith('transfer_to_')) ?? false;
const isChoiceCall = (r: ChatRequest) => r.response_format?.type === 'json_schema';

/** A server as a test shapes it: what the router says on each transfer-tool call, what the chooser says, the expert's answer. */
function server(plan: { router: FakeReply[]; choice?: FakeReply; expert: string }) {
  const router = [...plan.router];
  return (request: ChatRequest): FakeReply => {
    if (isRouterCall(request)) return router.shift() ?? { status: 500, message: 'the plan has no more router replies' };
    if (isChoiceCall(request)) return plan.choice ?? { text: 'Creative would be best here, I think.' };
    return { text: plan.expert };
  };
}

const transfer = (expert: ExpertName, reason: string): FakeReply => ({
  toolCalls: [{ name: transferToolName(team, expert), arguments: { reason } }],
});

export function routingRepairSuite(kind: DriverKind) {
  let fake: FakeOpenAI;
  let database: Database;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await fake?.close();
    await database?.close();
  });
  beforeEach(() => void fake.requests.splice(0));

  function api() {
    const provider = new OpenAIProvider({ baseURL: fake.url, apiKey: 'test', useResponses: false });
    const agents = createAgentRuntime({ provider, modelName: 'small-local-model', tools: NO_TOOLS });
    return apiOver(database, agents, { lock: new LocalLock() }).api;
  }

  async function streamed(message: string) {
    const events: TurnEventDto[] = [];
    for await (const event of await api().chat.stream({ message })) events.push(event);
    return events;
  }
  const deltas = (events: TurnEventDto[]) => events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
  const routerCalls = () => fake.requests.filter(isRouterCall);

  async function storedReplies(conversationId: string) {
    const history = await api().chat.history({ conversationId });
    return history.messages.filter((m) => m.role === 'assistant');
  }

  it('hands off on the first try when the server honours tool_choice (route: handoff)', async () => {
    fake.setResponder(server({ router: [transfer('Media', 'A posting plan.')], expert: 'Post three times a week.' }));
    const { turn, reply } = await api().chat.send({ message: 'How often should I post on Instagram?' });
    expect(turn).toMatchObject({ status: 'completed', route: 'handoff', agents: ['Orchestrator', 'Media'] });
    expect(reply).toMatchObject({ agent: 'Media', content: 'Post three times a week.' });
    expect(routerCalls()).toHaveLength(1);
  });

  it('repairs a router that ignores tool_choice once: the expert answers, its words alone stream', async () => {
    fake.setResponder(
      server({ router: [{ text: PROMISE }, transfer('Creative', 'The user wants a name.')], expert: 'Call it Wick & Wonder.' }),
    );
    const events = await streamed('Name my candle shop');

    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.reply).toMatchObject({ agent: 'Creative', content: 'Call it Wick & Wonder.' });
    expect(done.turn).toMatchObject({ status: 'completed', route: 'repaired', agents: ['Orchestrator', 'Creative'] });
    expect(done.turn.handoffs).toEqual([{ from: 'Orchestrator', to: 'Creative', reason: 'The user wants a name.' }]);
    expect(done.turn.usage.totalTokens).toBeGreaterThan(0);
    expect(deltas(events)).toBe('Call it Wick & Wonder.');
    // The second try starts from the conversation again, with a reminder, not from the failed attempt.
    const retried = routerCalls()[1]!;
    expect(messageTexts(retried).join('\n')).not.toContain(PROMISE);
    expect(messageTexts(retried)[0]).toContain(transferToolName(team, 'Creative'));
    expect(await storedReplies(done.conversationId)).toEqual([
      expect.objectContaining({ agent: 'Creative', content: 'Call it Wick & Wonder.' }),
    ]);
  });

  it.each([
    ['the tool name', { text: `transfer_to_Producing` }, ''],
    [
      'a JSON tool call in the content',
      { text: `{"name": "${transferToolName(team, 'Producing')}", "arguments": {"reason": "A supplier question."}}` },
      'A supplier question.',
    ],
    [
      'a fenced JSON call with parameters',
      { text: '```json\n{"name": "transfer_to_Producing", "parameters": {"reason": "Sourcing wax."}}\n```' },
      'Sourcing wax.',
    ],
  ] as const)('recognises a transfer written as %s, without a second try or a word of it shown', async (_, written, reason) => {
    fake.setResponder(server({ router: [written], expert: 'Order soy wax from two suppliers.' }));
    const events = await streamed('Where do I buy wax?');
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    expect(done.turn).toMatchObject({ status: 'completed', route: 'repaired', agents: ['Orchestrator', 'Producing'] });
    expect(done.turn.handoffs).toEqual([{ from: 'Orchestrator', to: 'Producing', reason }]);
    expect(events.filter((e) => e.type === 'agent')).toEqual([
      { type: 'agent', agent: 'Orchestrator', reason: null },
      { type: 'agent', agent: 'Producing', reason },
    ]);
    expect(deltas(events)).toBe('Order soy wax from two suppliers.');
    expect(routerCalls()).toHaveLength(1);
    // The expert sees the conversation, not the router's transfer text.
    const expertCall = fake.requests.at(-1)!;
    const conversation = expertCall.messages.filter((m) => m.role !== 'system');
    expect(messageTexts({ ...expertCall, messages: conversation })).toEqual(['Where do I buy wax?']);
  });

  it('tries again when the router calls a transfer tool it does not have (a misspelt name)', async () => {
    fake.setResponder(
      server({
        router: [{ toolCalls: [{ name: 'transfer_to_the_creative_team', arguments: {} }] }, transfer('Creative', 'A name.')],
        expert: 'Call it Lumen.',
      }),
    );
    const { turn, reply } = await api().chat.send({ message: 'Name my candle shop' });
    expect(turn).toMatchObject({ status: 'completed', route: 'repaired', agents: ['Orchestrator', 'Creative'] });
    expect(reply).toMatchObject({ agent: 'Creative', content: 'Call it Lumen.' });
    expect(routerCalls()).toHaveLength(2);
  });

  it('falls back to a structured choice when the router never calls a tool (route: structured)', async () => {
    fake.setResponder(
      server({
        router: [{ text: PROMISE }, { text: 'Sure! Our Media expert will help.' }],
        choice: { text: JSON.stringify({ expert: 'Media', reason: 'A TikTok plan.' }) },
        expert: 'Film the pouring.',
      }),
    );
    const events = await streamed('What should I post on TikTok?');
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    expect(done.turn).toMatchObject({ status: 'completed', route: 'structured', agents: ['Orchestrator', 'Media'] });
    expect(done.turn.handoffs).toEqual([{ from: 'Orchestrator', to: 'Media', reason: 'A TikTok plan.' }]);
    expect(done.reply).toMatchObject({ agent: 'Media', content: 'Film the pouring.' });
    expect(deltas(events)).toBe('Film the pouring.');
    expect(routerCalls()).toHaveLength(2);
    const routerTokens = done.turn.agentUsage.find((u) => u.agent === 'Orchestrator')!;
    expect(routerTokens.inputTokens).toBeGreaterThan(0);
  });

  it('fails a turn whose router never chooses: ROUTING_FAILED with the cause, message kept, retry answers', async () => {
    fake.setResponder(server({ router: [{ text: PROMISE }, { text: PROMISE }], expert: 'unused' }));
    const caller = api();
    const error = await rejection(caller.chat.send({ message: 'Name my candle shop' }));
    expect(error.code).toBe('BAD_GATEWAY');
    expect(error.message).toBe(ERRORS.ROUTING_FAILED.message);
    expect(error.message).toMatch(/tool calls/);
    const { turnId } = error.cause as { turnId: string };
    expect(fake.requests.filter((r) => !isRouterCall(r) && !isChoiceCall(r))).toHaveLength(0);

    fake.setResponder(server({ router: [transfer('Creative', 'Naming.')], expert: 'Call it Lumen.' }));
    const retried = await caller.chat.retry({ turnId });
    expect(retried.turn).toMatchObject({ id: turnId, status: 'completed', route: 'handoff' });
    expect(retried.reply).toMatchObject({ agent: 'Creative', content: 'Call it Lumen.' });

    const history = await caller.chat.history({ conversationId: retried.conversationId });
    expect(history.messages.map((m) => [m.role, m.agent, m.content])).toEqual([
      ['user', null, 'Name my candle shop'],
      ['assistant', 'Creative', 'Call it Lumen.'],
    ]);
  });

  it('streams no word of a router that never chooses, and ends with the failure as an event', async () => {
    fake.setResponder(
      server({ router: [{ text: PROMISE }, { text: PROMISE }], choice: { text: '{"expert": "Nobody"}' }, expert: 'unused' }),
    );
    // The user's own words never route: a transfer name in the message is just text.
    const events = await streamed(`${transferToolName(team, 'Media')} please: name my candle shop`);
    expect(deltas(events)).toBe('');
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'error', code: 'BAD_GATEWAY', turnId: expect.any(String) });
    const turnId = last?.type === 'error' ? last.turnId! : '';
    const history = await api().chat.history({
      conversationId: (events[0] as { turn: { conversationId: string } }).turn.conversationId,
    });
    expect(history.messages.map((m) => m.role)).toEqual(['user']);
    expect(history.turns).toEqual([
      expect.objectContaining({
        id: turnId,
        status: 'failed',
        error: { code: 'ROUTING_FAILED', message: ERRORS.ROUTING_FAILED.message },
      }),
    ]);
  });
}

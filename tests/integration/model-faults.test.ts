// The model misbehaving through the SDK's real HTTP path (a local OpenAI-compatible server): busy
// or failing answers are retried a bounded number of times; a reply cut off, garbled or stalled
// mid-stream ends as a failed turn (never a hung one) that keeps the message for chat.retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { MODEL_RETRIES, modelConfigFromEnv } from '../../server/agents/model.ts';
import { createAgentRuntime } from '../../server/agents/runtime.ts';
import { parseEnv } from '../../server/env.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import type { TurnEventDto as TurnEvent } from '../../server/routers/dto.ts';
import { apiOver, rejection } from '../support/chat-harness.ts';
import { type FakeOpenAI, type FakeReply, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { createTestDatabase } from '../support/test-db.ts';

const STALL_TIMEOUT_MS = 1000;

describe('model faults', () => {
  let fake: FakeOpenAI;
  let database: Database;
  const clientLog: string[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await fake.close();
    await database.close();
  });

  function api(timeoutMs = 30_000) {
    const parsed = parseEnv({
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'fake-model',
      SWITCHBOARD_MODEL_TIMEOUT_MS: String(timeoutMs),
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const log = (_: object, message: string) => void clientLog.push(message);
    const model = modelConfigFromEnv(parsed.env, { warn: log, error: log });
    if (!model.configured) throw new Error('model not configured');
    const agents = createAgentRuntime({
      provider: model.provider,
      modelName: 'fake-model',
      tools: { api: 'chat_completions' },
      modelTimeoutMs: model.timeoutMs,
    });
    return apiOver(database, agents, { lock: new LocalLock() }).api;
  }

  /** The Orchestrator's call goes through; the expert's answer is `expertReply`. */
  function expertAnswers(expertReply: FakeReply) {
    const route = plannedTurns([{ route: 'Producing', reply: 'unused' }]);
    return (request: Parameters<typeof route>[0]) =>
      request.tools?.some((t) => t.function.name.startsWith('transfer_to_')) ? route(request) : expertReply;
  }

  const failureOf = (error: { cause?: unknown }) => error.cause as { code: string; turnId: string };

  it('retries a busy (429) and a failing (503) model with backoff, and completes the turn', async () => {
    const start = fake.requests.length;
    const planned = plannedTurns([{ route: 'Producing', reply: 'Ship on Friday.' }]);
    const errors: FakeReply[] = [
      { status: 429, message: 'rate limited', retryAfterMs: 1 },
      { status: 503, message: 'overloaded', retryAfterMs: 1 },
    ];
    fake.setResponder((request) => errors.shift() ?? planned(request));
    const { turn, reply } = await api().chat.send({ message: 'When do we ship?' });
    expect(turn.status).toBe('completed');
    expect(reply!.content).toBe('Ship on Friday.');
    expect(fake.requests.length - start).toBe(4);
  });

  it(`gives up after ${MODEL_RETRIES} retries: BAD_GATEWAY, the message kept, and retry completes it`, async () => {
    const start = fake.requests.length;
    fake.setResponder(() => ({ status: 500, message: 'boom', retryAfterMs: 1 }));
    const caller = api();
    const error = await rejection(caller.chat.send({ message: 'Plan the launch' }));
    expect(error.code).toBe('BAD_GATEWAY');
    expect(failureOf(error).code).toBe('MODEL_UNAVAILABLE');
    expect(fake.requests.length - start).toBe(1 + MODEL_RETRIES);

    fake.setResponder(plannedTurns([{ route: 'Producing', reply: 'Week one: invites.' }]));
    const retried = await caller.chat.retry({ turnId: failureOf(error).turnId });
    expect(retried.turn.status).toBe('completed');
    const history = await caller.chat.history({ conversationId: retried.conversationId });
    expect(history.messages.map((m) => m.content)).toEqual(['Plan the launch', 'Week one: invites.']);
  });

  it('does not retry a request the model service refused (400)', async () => {
    const start = fake.requests.length;
    fake.setResponder(() => ({ status: 400, message: 'bad model name' }));
    const error = await rejection(api().chat.send({ message: 'Hello' }));
    expect(failureOf(error).code).toBe('MODEL_REJECTED');
    expect(fake.requests.length - start).toBe(1);
  });

  it.each([
    ['cut off', { cutAfter: 'Order the wax and' }, 'MODEL_UNAVAILABLE'],
    ['garbled', { malformedAfter: 'Order the wax and' }, 'MODEL_BEHAVIOR'],
  ] as const)('fails a turn whose reply stream is %s, keeping the message for retry', async (_, broken, code) => {
    const caller = api();
    fake.setResponder(expertAnswers(broken));
    const error = await rejection(caller.chat.send({ message: 'What do I order first?' }));
    expect(error.code).toBe('BAD_GATEWAY');
    expect(failureOf(error).code).toBe(code);
    expect(error.message).toMatch(/saved/);

    fake.setResponder(plannedTurns([{ route: 'Producing', reply: 'Order the wax first.' }]));
    const retried = await caller.chat.retry({ turnId: failureOf(error).turnId });
    expect(retried.reply!.content).toBe('Order the wax first.');
  });

  it('ends a streamed turn whose model stalls mid-answer with a timeout error event', async () => {
    fake.setResponder(expertAnswers({ stallAfter: 'Let me think' }));
    const events: TurnEvent[] = [];
    const stream = await api(STALL_TIMEOUT_MS).chat.stream({ message: 'A slow question' });
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'done' || event.type === 'error') break;
    }
    expect(events.map((e) => e.type)).toContain('delta');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'BAD_GATEWAY' });
    const turnId = (events.at(-1) as { turnId: string }).turnId;
    expect(await findTurn(database.db, turnId)).toMatchObject({ status: 'failed', errorCode: 'MODEL_TIMEOUT' });
  });
});

// What the server prints, over a session with successes and failures: structured JSON lines, one
// line per finished turn with its numbers, and never the API key, the access token or the text
// of a conversation.
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../server/routers/index.ts';
import { type FakeOpenAI, plannedTurns, type Responder, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

const API_KEY = 'sk-test-SECRET-9f8e7d6c5b4a';
const TOKEN = 'tok-SECRET-0a1b2c3d4e5f';
const PROMPT = 'PROMPT-MARKER my private supplier is Acme Wax at 3 EUR/kg';
const REPLY = 'REPLY-MARKER negotiate Acme down to 2.50';

describe('server output', () => {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let database: ThrowawayPostgres;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    database = await createThrowawayPostgres();
    server = await startServer({
      DATABASE_URL: database.url,
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: API_KEY,
      SWITCHBOARD_TOKEN: TOKEN,
      SWITCHBOARD_MODEL: 'fake-model',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await database?.drop();
  });

  const expertAnswers = (reply: ReturnType<Responder>): Responder => {
    const route = plannedTurns([{ route: 'Producing', reply: 'unused' }]);
    return (request) => (request.tools?.some((t) => t.function.name.startsWith('transfer_to_')) ? route(request) : reply);
  };

  it('never contains the key, the token or the conversation, and logs each turn once', async () => {
    fake.setResponder(plannedTurns([{ route: 'Producing', reply: REPLY }]));
    const ok = await mutate<{ conversationId: string; turn: { id: string } }>(server.url, 'chat.send', { message: PROMPT }, auth);
    const conversationId = ok.data!.conversationId;

    // An upstream that echoes the key back in its error, a garbled stream, a streamed turn.
    fake.setResponder(() => ({ status: 401, message: `Incorrect API key provided: ${API_KEY}` }));
    const rejected = await mutate(server.url, 'chat.send', { conversationId, message: `${PROMPT} (again)` }, auth);
    expect(rejected.error?.data.code).toBe('BAD_GATEWAY');
    fake.setResponder(expertAnswers({ malformedAfter: REPLY }));
    const garbled = await mutate(server.url, 'chat.send', { conversationId, message: `${PROMPT} (third)` }, auth);
    expect(garbled.error?.data.code).toBe('BAD_GATEWAY');
    fake.setResponder(plannedTurns([{ route: 'Producing', reply: REPLY }]));
    const client = createTRPCClient<AppRouter>({
      links: [httpSubscriptionLink({ url: `${server.url}/api/trpc`, connectionParams: { token: TOKEN }, EventSource })],
    });
    await new Promise<void>((resolve, reject) => {
      const subscription = client.chat.stream.subscribe(
        { conversationId, message: `${PROMPT} (streamed)` },
        {
          onData: (event) => {
            if (event.type === 'done' || event.type === 'error') {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });

    // Refused requests: wrong and missing token, malformed input.
    await query(server.url, 'chat.history', { conversationId }, { authorization: `Bearer ${TOKEN}x` });
    await query(server.url, 'chat.history', { conversationId });
    await mutate(server.url, 'chat.send', `{"message": "${PROMPT}`, auth);

    await server.stop();
    const output = server.output();
    for (const secret of [API_KEY, TOKEN, 'PROMPT-MARKER', 'REPLY-MARKER', 'Acme']) expect(output).not.toContain(secret);

    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const turnLines = lines.filter((line) => line.msg === 'turn completed' || line.msg === 'turn failed');
    expect(turnLines.map((line) => [line.msg, line.errorCode ?? null])).toEqual([
      ['turn completed', null],
      ['turn failed', 'MODEL_REJECTED'],
      ['turn failed', 'MODEL_BEHAVIOR'],
      ['turn completed', null],
    ]);
    for (const line of turnLines) {
      expect(line).toMatchObject({ level: 30, conversationId, turnId: expect.any(String), latencyMs: expect.any(Number) });
      expect(line).toHaveProperty('inputTokens');
      expect(line).toHaveProperty('outputTokens');
      expect(line).toHaveProperty('agents');
    }
    expect(turnLines[0]).toMatchObject({ turnId: ok.data!.turn.id, agents: ['Orchestrator', 'Producing'], route: 'handoff' });
  });
});

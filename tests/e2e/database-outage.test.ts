// Postgres going away under a running server (a TCP proxy in front of it is cut, so nobody else
// using this Postgres is disturbed): the server does not crash, requests meanwhile get
// SERVICE_UNAVAILABLE with a message for a person, and once the database is back the next turn
// succeeds and a turn the outage cut short can be retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { gate } from '../support/echo-model.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };
type History = { messages: MessageDto[]; turns: TurnDto[] };

describe('Postgres outage under a running server', () => {
  let database: ThrowawayPostgres;
  let proxy: TcpProxy;
  let fake: FakeOpenAI;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createThrowawayPostgres();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    server = await startServer({
      DATABASE_URL: throughProxy(database.url, proxy),
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'fake-model',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await proxy?.close();
    await database?.drop();
  });

  let conversationId: string;

  it('answers SERVICE_UNAVAILABLE while the database is away, and the next turn after it succeeds', async () => {
    fake.setResponder(plannedTurns([{ route: 'Strategic', reply: 'Charge 24 EUR.' }]));
    const first = await mutate<SendResult>(server.url, 'chat.send', { message: 'How should I price candles?' });
    conversationId = first.data!.conversationId;

    proxy.cut();
    const during = [
      await query(server.url, 'chat.history', { conversationId }),
      await query(server.url, 'conversations.list', {}),
      await mutate(server.url, 'chat.send', { conversationId, message: 'And for gift sets?' }),
      await mutate(server.url, 'chat.send', { message: 'A new topic' }),
    ];
    for (const result of during) {
      expect(result.status).toBe(503);
      expect(result.error).toMatchObject({
        message: expect.stringMatching(/database is not reachable.*try again/i),
        data: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(server.child.exitCode).toBeNull();

    proxy.restore();
    fake.setResponder(plannedTurns([{ route: 'Strategic', reply: 'Gift sets at 60 EUR.' }]));
    const after = await mutate<SendResult>(server.url, 'chat.send', { conversationId, message: 'And for gift sets?' });
    expect(after.data!.turn.status).toBe('completed');
    const history = await query<History>(server.url, 'chat.history', { conversationId });
    expect(history.data!.messages.map((m) => m.content)).toEqual([
      'How should I price candles?',
      'Charge 24 EUR.',
      'And for gift sets?',
      'Gift sets at 60 EUR.',
    ]);
  });

  it('survives the database dropping mid-turn; the cut-short turn is then failed and retryable', async () => {
    const modelCalled = gate();
    const answer = gate();
    const planned = plannedTurns([{ route: 'Media', reply: 'Post a reel on Friday.' }]);
    fake.setResponder(async (request) => {
      modelCalled.open();
      await answer.promise;
      return planned(request);
    });
    const pending = mutate<SendResult>(server.url, 'chat.send', { conversationId, message: 'When should I post?' });
    await modelCalled.promise;
    proxy.cut();
    answer.open();
    const cutShort = await pending;
    expect(cutShort.error?.data.code).toBe('SERVICE_UNAVAILABLE');
    expect(server.child.exitCode).toBeNull();

    proxy.restore();
    fake.setResponder(plannedTurns([{ route: 'Media', reply: 'Use three hashtags.' }]));
    await mutate<SendResult>(server.url, 'chat.send', { conversationId, message: 'Hashtags?' });
    const history = await query<History>(server.url, 'chat.history', { conversationId });
    const interrupted = history.data!.turns.find((t) => t.status === 'failed');
    expect(interrupted).toMatchObject({ error: { code: 'INTERRUPTED' } });

    fake.setResponder(plannedTurns([{ route: 'Media', reply: 'Post on Friday evening.' }]));
    const retried = await mutate<SendResult>(server.url, 'chat.retry', { turnId: interrupted!.id });
    expect(retried.data!.turn.status).toBe('completed');
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  });
});

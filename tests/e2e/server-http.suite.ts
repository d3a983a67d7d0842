// The whole server as a user meets it: real process, real HTTP, the SDK's real Chat Completions
// path against a local OpenAI-compatible server, on PGlite on disk or on Postgres.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { gate } from '../support/browser.ts';
import { type FakeOpenAI, messageTexts, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import type { DriverKind } from '../support/test-db.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };
type History = { messages: MessageDto[]; turns: TurnDto[] };

export function serverHttpSuite(driver: DriverKind) {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let dataDir: string;
  let postgres: ThrowawayPostgres | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
    postgres = driver === 'postgres' ? await createThrowawayPostgres() : undefined;
    env = {
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_MODEL: 'fake-model',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    };
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let conversationId: string;

  it('reports its configuration on /api/health', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toEqual({
      ok: true,
      database: driver,
      model: { configured: true, api: 'chat_completions', name: 'fake-model' },
      webSearch: 'none',
      images: 'off',
    });
  });

  it('routes a two-turn conversation to Creative, then Media, remembering the brand name', async () => {
    fake.setResponder(
      plannedTurns([
        { route: 'Creative', reason: 'The user wants a brand name.', reply: 'I suggest **Lumen & Wick**.' },
        {
          route: 'Media',
          reason: 'The user wants Instagram growth.',
          reply: (request) =>
            messageTexts(request).some((t) => t.includes('Lumen & Wick'))
              ? 'Grow Lumen & Wick with three reels a week.'
              : 'Grow your brand with three reels a week.',
        },
      ]),
    );
    const first = await mutate<SendResult>(server.url, 'chat.send', { message: 'A brand name for my eco candles?' });
    expect(first.error).toBeUndefined();
    conversationId = first.data!.conversationId;
    expect(first.data!.reply.agent).toBe('Creative');
    expect(first.data!.turn.handoffs).toEqual([{ from: 'Orchestrator', to: 'Creative', reason: 'The user wants a brand name.' }]);

    const second = await mutate<SendResult>(server.url, 'chat.send', {
      conversationId,
      message: 'How do I grow an Instagram audience for it?',
    });
    const turn = second.data!.turn;
    expect(second.data!.reply).toMatchObject({ agent: 'Media', content: 'Grow Lumen & Wick with three reels a week.' });
    expect(turn.agents).toEqual(['Orchestrator', 'Media']);
    expect(turn.handoffs[0]).toMatchObject({ to: 'Media', reason: 'The user wants Instagram growth.' });
    expect(turn.usage.inputTokens).toBeGreaterThan(0);
    expect(turn.usage.outputTokens).toBeGreaterThan(0);
    expect(turn.latencyMs).toBeGreaterThanOrEqual(0);
    expect(turn.model).toBe('fake-model');
    // Memory carries texts only: no transfer calls leak into the next turn's input.
    const lastOrchestratorCall = fake.requests.at(-2)!;
    expect(JSON.stringify(lastOrchestratorCall.messages)).not.toContain('transfer_to_Creative');
  });

  it('refuses blank, huge and malformed input with typed errors and stores nothing', async () => {
    const before = await query<History>(server.url, 'chat.history', { conversationId });
    const blank = await mutate(server.url, 'chat.send', { conversationId, message: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.error).toMatchObject({
      message: 'message: is empty: write something before sending',
      data: { code: 'BAD_REQUEST' },
    });
    const huge = await mutate(server.url, 'chat.send', { conversationId, message: 'x'.repeat(20_000) });
    expect(huge.error?.data.code).toBe('BAD_REQUEST');
    expect(huge.error?.message).toMatch(/too long/);
    const giant = await mutate(server.url, 'chat.send', { conversationId, message: 'x'.repeat(400_000) });
    expect(giant.status).toBe(413);
    const malformed = await mutate(server.url, 'chat.send', '{"message": ');
    expect(malformed.error?.data.code).toBe('BAD_REQUEST');
    const badId = await mutate(server.url, 'chat.send', { conversationId: '42', message: 'hi' });
    expect(badId.error?.message).toMatch(/conversationId: must be a conversation id/);
    const after = await query<History>(server.url, 'chat.history', { conversationId });
    expect(after.data).toEqual(before.data);
    for (const result of [blank, huge, malformed, badId]) expect(JSON.stringify(result)).not.toMatch(/stack|at .*\.ts/);
  });

  it('answers BAD_GATEWAY during a model outage, keeps the message, and retry completes it', async () => {
    fake.setResponder(() => ({ status: 503, message: 'overloaded' }));
    const failed = await mutate<SendResult>(server.url, 'chat.send', { conversationId, message: 'What should I post first?' });
    expect(failed.error?.data.code).toBe('BAD_GATEWAY');
    const turnId = failed.error!.data.turnId!;
    expect(turnId).toMatch(/^[0-9a-f-]{36}$/);
    const history = await query<History>(server.url, 'chat.history', { conversationId });
    expect(history.data!.messages.at(-1)).toMatchObject({ role: 'user', content: 'What should I post first?' });
    expect(history.data!.turns.at(-1)).toMatchObject({ id: turnId, status: 'failed' });

    fake.setResponder(plannedTurns([{ route: 'Media', reply: 'Start with a behind-the-scenes reel.' }]));
    const retried = await mutate<SendResult>(server.url, 'chat.retry', { turnId });
    expect(retried.data!.turn).toMatchObject({ id: turnId, status: 'completed' });
    const after = await query<History>(server.url, 'chat.history', { conversationId });
    expect(after.data!.messages.filter((m) => m.content === 'What should I post first?')).toHaveLength(1);
  });

  it('streams a turn over SSE: agent, then several deltas, then done', async () => {
    fake.setResponder(plannedTurns([{ route: 'Producing', reply: 'Order wax in week one, wicks in week two.' }]));
    const input = encodeURIComponent(JSON.stringify({ conversationId, message: 'Plan my production' }));
    const response = await fetch(`${server.url}/api/trpc/chat.stream?input=${input}`);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = await readSseEvents(response);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('turn');
    expect(events.filter((e) => e.type === 'agent').map((e) => e.agent)).toEqual(['Orchestrator', 'Producing']);
    expect(types.filter((t) => t === 'delta').length).toBeGreaterThan(3);
    expect(types.at(-1)).toBe('done');
    expect(types.indexOf('done')).toBeGreaterThan(types.lastIndexOf('delta'));
  });

  it('finishes and stores a streamed turn even when the client leaves mid-stream', async () => {
    const hold = gate();
    const answer = 'Batch-pour on Mondays, cure for two weeks, ship on Fridays.';
    fake.setResponder(plannedTurns([{ route: 'Producing', reply: answer, hold: { afterWords: 2, until: hold.until } }]));
    const controller = new AbortController();
    const input = encodeURIComponent(JSON.stringify({ conversationId, message: 'A weekly production rhythm?' }));
    const response = await fetch(`${server.url}/api/trpc/chat.stream?input=${input}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"type":"delta"')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    hold.open();

    await expect
      .poll(async () => (await query<History>(server.url, 'chat.history', { conversationId })).data!.messages.at(-1)?.content, {
        timeout: 15_000,
      })
      .toBe(answer);
    const history = await query<History>(server.url, 'chat.history', { conversationId });
    expect(history.data!.turns.at(-1)).toMatchObject({ status: 'completed', agents: ['Orchestrator', 'Producing'] });
  });

  it('filters by agent and reports usage per agent', async () => {
    const media = await query<{ items: { id: string }[] }>(server.url, 'conversations.list', { agent: 'Media' });
    expect(media.data!.items.map((i) => i.id)).toEqual([conversationId]);
    const strategic = await query<{ items: unknown[] }>(server.url, 'conversations.list', { agent: 'Strategic' });
    expect(strategic.data!.items).toEqual([]);
    const usage = await query<{ agent: string; turns: number }[]>(server.url, 'stats.agentUsage', { conversationId });
    expect(usage.data!.map((u) => [u.agent, u.turns])).toEqual([
      ['Creative', 1],
      ['Media', 2],
      ['Orchestrator', 5],
      ['Producing', 2],
    ]);
  });

  it('keeps everything across a restart', async () => {
    const before = await query<History>(server.url, 'chat.history', { conversationId });
    await server.stop();
    server = await startServer(env);
    const after = await query<History>(server.url, 'chat.history', { conversationId });
    expect(after.data).toEqual(before.data);
  });
}

async function readSseEvents(response: Response): Promise<{ type: string; agent?: string }[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { type: string; agent?: string }[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (!data || /^event: (connected|ping)/m.test(block)) continue;
      const event = JSON.parse(data.slice(6)) as { type: string };
      events.push(event);
      if (event.type === 'done' || event.type === 'error') {
        await reader.cancel();
        return events;
      }
    }
  }
  return events;
}

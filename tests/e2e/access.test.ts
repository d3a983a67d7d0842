// Access with SWITCHBOARD_TOKEN set, over real HTTP: every procedure (the SSE stream included)
// needs the token; /api/health tells nothing secret; binding beyond loopback without a token warns.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/env.ts';
import type { TurnEventDto as TurnEvent } from '../../server/routers/dto.ts';
import { type AppRouter, appRouter } from '../../server/routers/index.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

const TOKEN = 'tok-Right-7c1e2d9a';
const API_KEY = 'sk-test-SECRET-access-4b7f';
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type }),
);

describe('access with SWITCHBOARD_TOKEN', () => {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let database: ThrowawayPostgres;

  beforeAll(async () => {
    fake = await startFakeOpenAI(plannedTurns([{ route: 'Creative', reply: 'Call it Ember.' }]));
    // With Postgres the database URL (and its password) is one more secret health must not show.
    database = await createThrowawayPostgres();
    server = await startServer({
      DATABASE_URL: database.url,
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'fake-model',
      OPENAI_API_KEY: API_KEY,
      SWITCHBOARD_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await database?.drop();
  });

  const call = (path: string, type: string, headers: Record<string, string>) =>
    type === 'mutation' ? mutate(server.url, path, {}, headers) : query(server.url, path, {}, headers);

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer tok-Wrong-00000000' }],
    ['the token without "Bearer"', { authorization: TOKEN }],
  ])('refuses every query and mutation with %s: UNAUTHORIZED', async (_, headers) => {
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(['chat.send', 'chat.stream', 'chat.history']));
    for (const { path, type } of procedures.filter((p) => p.type !== 'subscription')) {
      const result = await call(path, type, headers);
      expect({ path, status: result.status, code: result.error?.data.code }).toEqual({ path, status: 401, code: 'UNAUTHORIZED' });
      expect(result.error!.message).toMatch(/Authorization: Bearer/);
    }
  });

  it('accepts the Bearer scheme in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const result = await query(server.url, 'conversations.list', {}, { authorization: `${scheme} ${TOKEN}` });
      expect({ scheme, status: result.status }).toEqual({ scheme, status: 200 });
    }
  });

  it('refuses the token in the URL of a query or mutation (it would end up in logs and history)', async () => {
    const params = `connectionParams=${encodeURIComponent(JSON.stringify({ token: TOKEN }))}`;
    const read = await fetch(`${server.url}/api/trpc/conversations.list?${params}`);
    expect(read.status).toBe(401);
    const write = await fetch(`${server.url}/api/trpc/chat.send?${params}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'token in the URL' }),
    });
    expect(write.status).toBe(401);
  });

  it('refuses a subscription without the token', async () => {
    for (const { path } of procedures.filter((p) => p.type === 'subscription')) {
      const input = encodeURIComponent(JSON.stringify({ message: 'hi' }));
      const body = await (await fetch(`${server.url}/api/trpc/${path}?input=${input}`)).text();
      expect(body).toMatch(/event: serialized-error\ndata: .*"code":"UNAUTHORIZED"/);
    }
  });

  it('answers with the right token, the stream through connectionParams', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: `${server.url}/api/trpc`, connectionParams: { token: TOKEN }, EventSource }),
          false: httpBatchLink({ url: `${server.url}/api/trpc`, headers: { authorization: `Bearer ${TOKEN}` } }),
        }),
      ],
    });
    const events = await new Promise<TurnEvent[]>((resolve, reject) => {
      const seen: TurnEvent[] = [];
      const subscription = client.chat.stream.subscribe(
        { message: 'Name my candle shop' },
        {
          onData: (event) => {
            seen.push(event);
            if (event.type === 'done' || event.type === 'error') {
              subscription.unsubscribe();
              resolve(seen);
            }
          },
          onError: reject,
        },
      );
    });
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error(`stream ended with ${JSON.stringify(done)}`);
    expect(done.reply.content).toBe('Call it Ember.');
    const list = await client.conversations.list.query({});
    expect(list.items).toHaveLength(1);
    const history = await client.chat.history.query({ conversationId: list.items[0]!.id });
    expect(history.messages).toHaveLength(2);
  });

  it('shows nothing secret on /api/health, with or without the token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/api/health`, { headers });
      const text = await response.text();
      expect(Object.keys(JSON.parse(text)).sort()).toEqual(['database', 'images', 'model', 'ok', 'webSearch']);
      for (const secret of [API_KEY, TOKEN, fake.url, database.url, `${new URL(database.url).password}@`]) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe('where the server listens', () => {
  it('defaults to loopback only', () => {
    const parsed = parseEnv({});
    expect(parsed.ok && parsed.env.HOST).toBe('127.0.0.1');
  });

  it('warns when it listens beyond loopback without a token, and not with one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-host-'));
    try {
      const storage = { SWITCHBOARD_DATA_DIR: dataDir };
      const open = await startServer({ ...storage, HOST: '0.0.0.0' });
      await open.stop();
      expect(open.output()).toMatch(/Listening on 0\.0\.0\.0 without SWITCHBOARD_TOKEN: anyone who can reach this address/);
      const guarded = await startServer({ ...storage, HOST: '0.0.0.0', SWITCHBOARD_TOKEN: TOKEN });
      await guarded.stop();
      expect(guarded.output()).not.toMatch(/without SWITCHBOARD_TOKEN/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// kill -9 in the middle of a turn: after a restart the turn shows as failed (INTERRUPTED), the
// user's message is still there, and chat.retry completes it. On PGlite and on Postgres.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { gate } from '../support/echo-model.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { createThrowawayPostgres } from '../support/throwaway-postgres.ts';

type History = { messages: MessageDto[]; turns: TurnDto[] };
type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function crashMidTurnThenRecover(env: Record<string, string>, beforeRestart: () => Promise<void>) {
  const modelCalled = gate();
  const fake: FakeOpenAI = await startFakeOpenAI(() => {
    modelCalled.open();
    return new Promise(() => {}); // the model never answers: the turn is running when we kill
  });
  cleanups.push(() => fake.close());
  const serverEnv = { ...env, OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-model' };
  let server: ServerProcess = await startServer(serverEnv);
  cleanups.push(() => server.stop());

  const pending = mutate(server.url, 'chat.send', { message: 'Draft my launch email' }).then(
    () => 'answered',
    () => 'connection lost',
  );
  await modelCalled.promise;
  await server.stop('SIGKILL');
  expect(await pending).toBe('connection lost');
  await beforeRestart();

  server = await startServer(serverEnv);
  expect(server.output()).toMatch(/"interrupted":1/);
  const list = await query<{ items: { id: string }[] }>(server.url, 'conversations.list', {});
  const conversationId = list.data!.items[0]!.id;
  const history = await query<History>(server.url, 'chat.history', { conversationId });
  expect(history.data!.messages.map((m) => [m.role, m.content])).toEqual([['user', 'Draft my launch email']]);
  const [turn] = history.data!.turns;
  expect(turn).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });

  fake.setResponder(plannedTurns([{ route: 'Creative', reply: 'Subject: It is here.' }]));
  const retried = await mutate<SendResult>(server.url, 'chat.retry', { turnId: turn!.id });
  expect(retried.data!.turn).toMatchObject({ id: turn!.id, status: 'completed' });
  const after = await query<History>(server.url, 'chat.history', { conversationId });
  expect(after.data!.messages.map((m) => m.content)).toEqual(['Draft my launch email', 'Subject: It is here.']);
}

describe('a server killed mid-turn', () => {
  it('on PGlite: the turn is failed after a restart and retry completes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    await crashMidTurnThenRecover({ SWITCHBOARD_DATA_DIR: dataDir }, async () => {});
  });

  it('on Postgres: the turn is failed after a restart and retry completes it', async () => {
    const database = await createThrowawayPostgres();
    cleanups.push(() => database.drop());
    // The killed process's sessions end when Postgres notices the closed sockets; its advisory
    // locks go with them. Wait for that, as a restart a moment later would.
    const locksLeft = async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          "select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())",
        );
        return rows[0]!.n;
      } finally {
        await client.end();
      }
    };
    await crashMidTurnThenRecover({ DATABASE_URL: database.url }, async () => {
      while ((await locksLeft()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    });
  });
});

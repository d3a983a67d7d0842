// Crafted conversations.list and stats.agentTurns cursors are a BAD_REQUEST, never a database error; and a failure
// nothing mapped reaches the client as a generic sentence with a request id, its text only in the log.
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { requestPolicy } from '../../server/http/request-policy.ts';
import { createHttpServer } from '../../server/http-server.ts';
import type { Routines } from '../../server/routines/routines.ts';
import type { TurnDeps } from '../../server/turns/run-turn.ts';
import { type AttackTarget, startAttackTarget } from '../support/attack-target.ts';
import { query } from '../support/http-api.ts';

let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget();
});
afterAll(() => target?.close());

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const LEAKS = /select|from "|Failed query|syntax|invalid input|out of range|at .*\.ts|node_modules|\$1/i;

const ID = '00000000-0000-4000-8000-000000000000';
const LISTS = [
  ['conversations.list', {}],
  ['stats.agentTurns', { agent: 'Media' }],
] as const;

it.each(
  LISTS.flatMap(([procedure, input]) =>
    [
      ['a non-UUID id that passes a loose pattern', b64(['2024-01-01T00:00:00.000000Z', '-'.repeat(36)])],
      ['a year Postgres cannot store', b64(['+275760-09-13T00:00:00.000000Z', ID])],
      ['year zero', b64(['0000-01-01T00:00:00.000000Z', ID])],
      ['a day that does not exist', b64(['2026-02-30T00:00:00.000000Z', ID])],
      ['a month that does not exist', b64(['2026-13-01T00:00:00.000000Z', ID])],
      ['an hour that does not exist', b64(['2026-01-01T25:00:00.000000Z', ID])],
      ['SQL in the id', b64(['2024-01-01T00:00:00.000000Z', "x' or 1=1 --"])],
      ['SQL in the time', b64(["2024-01-01'::timestamptz; --", ID])],
      ['a rank JSON reads as Infinity', b64(`["2024-01-01T00:00:00.000000Z","${ID}",1e999]`)],
      ['an object', b64({ updatedAt: '2024-01-01T00:00:00.000000Z', id: 'x' })],
      ['not base64 JSON', 'not-a-cursor'],
      ['an empty array', b64([])],
    ].map(([name, cursor]) => [procedure, name!, { ...input, cursor: cursor! }] as const),
  ),
)('%s refuses %s as BAD_REQUEST without database text', async (procedure, _, input) => {
  const result = await query(target.url, procedure, input);
  expect(result.status).toBe(400);
  expect(result.error?.data.code).toBe('BAD_REQUEST');
  expect(result.error?.message).toMatch(/^cursor: is not a cursor returned by this list/);
  expect(JSON.stringify(result.error)).not.toMatch(LEAKS);
});

it('accepts the cursors it hands out', async () => {
  const page = await query<{ nextCursor: string | null }>(target.url, 'conversations.list', { limit: 1 });
  expect(page.error).toBeUndefined();
  // The shape they have: the database's exact time (microseconds), an id, and when searching a rank.
  const valid = b64(['2026-08-01T14:03:07.123456Z', ID]);
  expect((await query(target.url, 'conversations.list', { cursor: valid })).status).toBe(200);
  expect(
    (await query(target.url, 'conversations.list', { cursor: b64(['2026-08-01T14:03:07.123456Z', ID, 0.5]), query: 'candle' }))
      .status,
  ).toBe(200);
  expect((await query(target.url, 'stats.agentTurns', { agent: 'Media', cursor: valid })).status).toBe(200);
  await target.unharmed();
});

it('answers a failure nothing mapped with a generic sentence and a request id; the text goes to the log only', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const failing = new Error('Failed query: select "id", "title" from "conversations" where "id" = $1');
  const db = new Proxy(
    {},
    {
      get: () => () => {
        throw failing;
      },
    },
  ) as unknown as Db;
  const server = createHttpServer({
    chat: { db, logger } as unknown as TurnDeps,
    routines: {} as Routines,
    health: async () => ({
      ok: true,
      database: 'pglite',
      model: { configured: false, api: 'responses', name: null },
      webSearch: 'none',
      images: 'off',
    }),
    uploadMaxBytes: 1024 * 1024,
    policy: requestPolicy({ host: '127.0.0.1', allowedHosts: [], tokenSet: false }),
    staticRoot: '/nonexistent',
    logger,
    isDraining: () => false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const result = await query(url, 'conversations.list', {});
    expect(result.status).toBe(500);
    expect(result.error?.data.code).toBe('INTERNAL_SERVER_ERROR');
    const requestId = (result.error?.data as { requestId?: string } | undefined)?.requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.error?.message).toBe(
      `Something went wrong on the server (request ${requestId}). It has been logged; try again, and report it if it keeps happening.`,
    );
    expect(JSON.stringify(result.error)).not.toMatch(LEAKS);
    const logged = lines.map((line) => JSON.parse(line) as { requestId?: string; err?: { message: string } });
    expect(logged.find((line) => line.requestId === requestId)?.err?.message).toContain('Failed query');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

// One request, many turns: `?batch=1` with hundreds of chat.send calls. Refused whole with a typed
// error before any call runs; batches within the limit still work.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_BATCH_SIZE } from '../../server/http/limits.ts';
import { type AttackTarget, startAttackTarget } from '../support/attack-target.ts';

let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget();
});
afterAll(() => target?.close());

const batch = (path: string, count: number, init: RequestInit = {}) =>
  fetch(`${target.url}/api/trpc/${Array(count).fill(path).join(',')}?batch=1${init.method ? '' : '&input=%7B%7D'}`, init);

it('refuses 300 chat.sends in one POST: nothing stored, no model call', async () => {
  const inputs = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [i, { message: `turn ${i}` }]));
  const response = await batch('chat.send', 300, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(inputs),
  });
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { message: string; data: { code: string } } };
  expect(body.error.data.code).toBe('BAD_REQUEST');
  expect(body.error.message).toBe(`A batch may hold at most ${MAX_BATCH_SIZE} calls: send the rest in another request.`);
  await target.unharmed();
});

it(`refuses ${MAX_BATCH_SIZE + 1} queries and answers ${MAX_BATCH_SIZE}`, async () => {
  expect((await batch('conversations.list', MAX_BATCH_SIZE + 1)).status).toBe(400);
  const ok = await batch('conversations.list', MAX_BATCH_SIZE);
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as unknown[]).length).toBe(MAX_BATCH_SIZE);
  await target.unharmed();
});

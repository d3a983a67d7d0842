// A page on another site (or another port of this machine) tries to store messages and spend
// model tokens on a token-less server, the way a browser would send it: refused with 403, nothing
// stored, no model call. Reads stay open to non-browser clients and the app's own pages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, rawRequest, startAttackTarget } from '../support/attack-target.ts';
import { mutate, query } from '../support/http-api.ts';

let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget();
});
afterAll(() => target?.close());

const streamPath = `/api/trpc/chat.stream?input=${encodeURIComponent(JSON.stringify({ message: 'spend my budget' }))}`;
const foreign: [string, Record<string, string>][] = [
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site: same-site (another port)', { 'sec-fetch-site': 'same-site' }],
  ['a foreign Origin', { origin: 'https://evil.example' }],
  ['Origin of another local port', { origin: 'http://127.0.0.1:1' }],
  ['Origin: null (sandboxed frame)', { origin: 'null' }],
];

it.each(foreign)('refuses chat.send with %s', async (_, headers) => {
  const result = await mutate(target.url, 'chat.send', { message: 'spend my budget' }, headers);
  expect(result.status).toBe(403);
  expect(result.error?.data.code).toBe('FORBIDDEN');
  expect(result.error?.message).toMatch(/another website/);
});

it.each(foreign)('refuses chat.stream (an <img> or EventSource) with %s', async (_, headers) => {
  const response = await rawRequest(target.url, { path: streamPath, headers: { accept: 'text/event-stream', ...headers } });
  expect(response.status).toBe(403);
  expect(response.text).toMatch(/"code":"FORBIDDEN"/);
});

it('refuses a cross-site HTML form post (a request no preflight stops)', async () => {
  const response = await rawRequest(target.url, {
    method: 'POST',
    path: '/api/trpc/chat.send',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    },
    body: 'message=hi',
  });
  expect(response.status).toBe(403);
});

it('stored nothing and spent nothing, and keeps serving', async () => {
  await target.unharmed();
});

it("still serves its own pages and non-browser clients (the refusals above are not everything's)", async () => {
  const own = new URL(target.url).host;
  const sameOrigin = await mutate(
    target.url,
    'chat.send',
    { message: 'from the app' },
    { origin: `http://${own}`, 'sec-fetch-site': 'same-origin' },
  );
  expect(sameOrigin.error).toBeUndefined();
  const curl = await mutate(target.url, 'chat.send', { message: 'from curl' });
  expect(curl.error).toBeUndefined();
  // A cross-site read gets an answer, which the browser withholds from the page (no CORS headers).
  const read = await query(target.url, 'conversations.list', {}, { 'sec-fetch-site': 'cross-site' });
  expect(read.status).toBe(200);
  await target.unharmed({ conversations: 2, modelCalls: 4 });
});

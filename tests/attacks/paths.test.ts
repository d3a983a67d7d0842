// Malformed and hostile paths, as any web page could send them with <img src>: each gets an
// answer (400 for a broken escape), no file outside the client is served, and the server lives on.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, rawRequest, startAttackTarget } from '../support/attack-target.ts';

let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget();
});
afterAll(() => target?.close());

it.each([
  '/%ZZ',
  '/%',
  '/%E0%A4%A',
  '/c/%C3%28',
  '/assets/%FF.js',
  '/api/trpc/%ZZ',
  '/api/trpc/chat.send%ZZ',
  '/api/trpc/conversations.list?input=%ZZ',
  '/api/trpc/conversations.list?input=%7B%22query%22%3A%22%C3%28%22%7D',
  '/api/health%ZZ',
])('answers %s with 400 and a sentence', async (path) => {
  const response = await rawRequest(target.url, { path, headers: { 'sec-fetch-site': 'cross-site' } });
  expect(response.status).toBe(400);
  expect(response.text).toMatch(/address is malformed/);
});

it.each([
  '/%00',
  '/a%00b.js',
  '/..%2f..%2fpackage.json',
  '/%2e%2e/%2e%2e/package.json',
  '/assets/../../server/env.ts',
  `/${'a'.repeat(4000)}`,
])('never serves a file outside the client for %s', async (path) => {
  const response = await rawRequest(target.url, { path });
  expect([200, 400]).toContain(response.status);
  expect(response.text).not.toMatch(/"name": "switchboard"|envSchema/);
});

it('keeps serving after every one of them, with nothing stored', async () => {
  await target.unharmed();
  expect(target.server.output()).not.toMatch(/URIError|uncaught/i);
});

// DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 reaches a token-less
// server with "Host: evil.example". It reads and writes nothing; loopback names, HOST and
// SWITCHBOARD_ALLOWED_HOSTS are served.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, rawRequest, startAttackTarget } from '../support/attack-target.ts';
import { mutate } from '../support/http-api.ts';

let target: AttackTarget;
let secret: string;
beforeAll(async () => {
  target = await startAttackTarget({ SWITCHBOARD_ALLOWED_HOSTS: 'switchboard.example.com' });
  const seeded = await mutate<{ conversationId: string }>(target.url, 'chat.send', { message: 'my secret plan' });
  secret = seeded.data!.conversationId;
});
afterAll(() => target?.close());

const port = () => new URL(target.url).port;
const get = (path: string, host: string) => rawRequest(target.url, { path, headers: { host } });

it.each(['evil.example', 'evil.example:PORT', '127.0.0.1.nip.io', 'localhost.evil.example', 'a b', '127.0.0.1@evil.example'])(
  'reads nothing with Host %j',
  async (name) => {
    const host = name.replace('PORT', port());
    for (const path of [
      '/api/trpc/conversations.list',
      `/api/trpc/chat.history?input=${encodeURIComponent(JSON.stringify({ conversationId: secret }))}`,
      `/api/trpc/conversations.export?input=${encodeURIComponent(JSON.stringify({ conversationId: secret, format: 'json' }))}`,
      '/api/health',
    ]) {
      const response = await get(path, host);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.text).not.toContain('secret plan');
      expect(response.text).not.toContain(secret);
    }
  },
);

it('writes nothing with a rebinding Host', async () => {
  const response = await rawRequest(target.url, {
    method: 'POST',
    path: '/api/trpc/chat.send',
    headers: { host: `evil.example:${port()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'from a rebinding page' }),
  });
  expect(response.status).toBe(403);
  expect(response.text).toMatch(/does not answer to that host name/);
});

it.each(['127.0.0.1:PORT', 'localhost:PORT', 'LOCALHOST.:PORT', '[::1]:PORT', 'switchboard.example.com'])(
  'serves Host %s',
  async (name) => {
    const response = await get('/api/trpc/conversations.list', name.replace('PORT', port()));
    expect(response.status).toBe(200);
    expect(response.text).toContain(secret);
  },
);

it('stored nothing beyond the seed and keeps serving', async () => {
  await target.unharmed({ conversations: 1, modelCalls: 2 });
});

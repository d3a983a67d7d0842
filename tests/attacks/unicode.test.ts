// Text that is not what it looks like: bytes that are not UTF-8 (which a lenient decoder turns into
// U+FFFD), escapes that decode to them, messages of invisible characters only, broken JSON and
// oversized bodies. Each is a 4xx with a sentence for a person; nothing stored, no model call.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, rawRequest, startAttackTarget } from '../support/attack-target.ts';
import { mutate } from '../support/http-api.ts';

let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget();
});
afterAll(() => target?.close());

const post = (body: Buffer | string) =>
  rawRequest(target.url, { method: 'POST', path: '/api/trpc/chat.send', headers: { 'content-type': 'application/json' }, body });

it.each([
  ['a lone 0xFF byte', Buffer.from([0xff])],
  ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
  ['a truncated 3-byte sequence', Buffer.from([0xe2, 0x82])],
  ['an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])],
])('refuses a body with %s inside the message', async (_, bytes) => {
  const response = await post(Buffer.concat([Buffer.from('{"message":"hello '), bytes, Buffer.from('"}')]));
  expect(response.status).toBe(400);
  expect(JSON.parse(response.text).error.message).toBe('The request body is not valid UTF-8 text. Send JSON encoded as UTF-8.');
});

it('refuses a query whose percent-escapes are not UTF-8', async () => {
  const response = await rawRequest(target.url, { path: '/api/trpc/conversations.list?input=%7B%22query%22%3A%22%C3%28%22%7D' });
  expect(response.status).toBe(400);
});

it.each([
  ['zero-width spaces', '\u200B\u200B\u200B'],
  ['joiners and a BOM', '\u200C\u200D\uFEFF'],
  ['bidi marks', '\u202E\u200F\u2066'],
  ['Hangul fillers', '\u3164\u115F'],
  ['a blank Braille pattern and spaces', ' \u2800 \u3000'],
  ['variation selectors', '\uFE0F\uFE0E'],
])('treats a message of only %s as blank', async (_, message) => {
  const result = await mutate(target.url, 'chat.send', { message });
  expect(result.status).toBe(400);
  expect(result.error?.message).toBe('message: is empty: write something before sending');
});

it.each([
  ['truncated JSON', '{"message":', 'The request is not valid JSON: check the input you sent.'],
  ['a trailing comma', '{"message":"hi",}', 'The request is not valid JSON: check the input you sent.'],
])("answers %s in plain words, not V8's", async (_, body, sentence) => {
  const response = await post(body);
  expect(response.status).toBe(400);
  expect(JSON.parse(response.text).error.message).toBe(sentence);
});

it('answers an oversized body with 413 and a sentence', async () => {
  const response = await post(JSON.stringify({ message: 'x'.repeat(300_000) }));
  expect(response.status).toBe(413);
  expect(JSON.parse(response.text).error.message).toMatch(/^The request is too large: send at most 256 KB/);
});

it('stored nothing, spent nothing and keeps serving; real text with invisible characters still goes through', async () => {
  await target.unharmed();
  const sent = await mutate<{ reply: { content: string } }>(target.url, 'chat.send', { message: '\u200Bhi 👩‍👩‍👧\u200D' });
  expect(sent.error).toBeUndefined();
  await target.unharmed({ conversations: 1, modelCalls: 2 });
});

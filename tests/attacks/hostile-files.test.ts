// Files built to stall or flood a reader, against the real server (PGlite on disk, the default
// 20 MB limit): each is stored whole and searchable, or refused with a sentence, while /api/health
// keeps answering; nothing of a refused file is kept and its worker is replaced for the next file.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_LOG_LINE } from '../../server/log-bounds.ts';
import { type AttackTarget, startAttackTarget } from '../support/attack-target.ts';
import { toolTurn } from '../support/fake-openai.ts';
import { whileProbingHealth } from '../support/health-probe.ts';
import { mutate, query } from '../support/http-api.ts';
import { billionLaughsPdf, PRICE_LIST_PAGES, textPdf } from '../support/test-files.ts';
import { uploadFile } from '../support/upload.ts';

let target: AttackTarget;
let modelCalls = 0;
beforeAll(async () => {
  target = await startAttackTarget();
});
afterAll(() => target?.close());

const listed = async () =>
  (await query<{ items: { id: string; name: string; chars: number }[] }>(target.url, 'files.list', {})).data!.items;

/** What search_files finds for `words`, asked in a turn as an expert would. */
async function found(words: string): Promise<string> {
  target.fake.setResponder(toolTurn('Producing', 'search_files', { query: words }, (result) => `Found: ${result}`));
  const before = target.fake.requests.length;
  const sent = await mutate<{ reply: { content: string } }>(target.url, 'chat.send', { message: `Look up ${words}` });
  modelCalls += target.fake.requests.length - before;
  return sent.data!.reply.content;
}

const words = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `w${from + i}`).join(' ');

it('refuses a 3 KB PDF that draws its text a billion times, within the time limit, and reads the next PDF', async () => {
  const pdf = await billionLaughsPdf();
  expect(pdf.length).toBeLessThan(4096);
  const answer = await whileProbingHealth(target.url, uploadFile(target.url, { name: 'laughs.pdf', content: pdf }));
  expect(answer.status).toBe(422);
  expect(answer.body.error!.message).toMatch(/^This PDF (takes too long to read|needs more memory to read)/);
  const next = await uploadFile(target.url, { name: 'price-list.pdf', content: await textPdf(PRICE_LIST_PAGES) });
  expect(next).toMatchObject({ status: 201, body: { pages: 2 } });
  expect((await listed()).map((f) => f.name)).toEqual(['price-list.pdf']);
}, 90_000);

it('stores a CSV whose one row is 15 MB, and finds a word at its end', async () => {
  const csv = `note,id\n"${words(1_900_000)} zanzibarquartz",1\n`;
  expect(csv.length).toBeGreaterThan(15_000_000);
  const answer = await whileProbingHealth(target.url, uploadFile(target.url, { name: 'long-row.csv', content: csv }));
  expect(answer).toMatchObject({ status: 201, body: { name: 'long-row.csv' } });
  expect(await found('zanzibarquartz')).toContain('zanzibarquartz');
}, 120_000);

it('stores a CSV with a million columns, and finds its last column', async () => {
  const columns = 1_000_000;
  const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
  const row = Array.from({ length: columns }, (_, i) => (i === columns - 1 ? 'quokkapilot' : 'x')).join(',');
  const answer = await whileProbingHealth(
    target.url,
    uploadFile(target.url, { name: 'wide.csv', content: `${header}\n${row}\n` }),
  );
  expect(answer).toMatchObject({ status: 201, body: { name: 'wide.csv' } });
  expect(await found('quokkapilot')).toContain(`c${columns - 1}: quokkapilot`);
}, 120_000);

it('stores a 15 MB text file on one line, and finds its last word', async () => {
  const text = `${words(1_900_000)} marmaladeorbit`;
  expect(text.length).toBeGreaterThan(15_000_000);
  const answer = await whileProbingHealth(target.url, uploadFile(target.url, { name: 'one-line.txt', content: text }));
  expect(answer).toMatchObject({ status: 201, body: { chars: text.length } });
  expect(await found('marmaladeorbit')).toContain('marmaladeorbit');
  const served = await fetch(`${target.url}${answer.body.url as string}`);
  expect(await served.text()).toBe(text);
}, 120_000);

it('reads Excel exports in Windows-1252 and UTF-16, and serves them back byte for byte with their charset', async () => {
  const latin1 = Buffer.from('Artikel;Preis\nCrème brûlée;4,20 EUR\n', 'latin1');
  const windows = Buffer.concat([Buffer.from('Produit,Prix\nBougie parfumée,12 ', 'latin1'), Buffer.from([0x80, 0x0a])]);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Item\tSupplier\nJasmine oil\tFleurs d’Été\n', 'utf16le')]);
  for (const [name, content, charset] of [
    ['preise.csv', latin1, 'windows-1252'],
    ['prix.csv', windows, 'windows-1252'],
    ['suppliers.txt', utf16, 'utf-16le'],
  ] as const) {
    const answer = await uploadFile(target.url, { name, content });
    expect(answer.status, name).toBe(201);
    const served = await fetch(`${target.url}${answer.body.url as string}`);
    expect(served.headers.get('content-type')).toContain(`charset=${charset}`);
    expect(Buffer.from(await served.arrayBuffer()).equals(content)).toBe(true);
  }
  expect(await found('parfumée')).toContain('Bougie parfumée');
  expect(await found('Fleurs')).toContain('Fleurs d’Été');
});

it('kept every log line bounded and none of the files’ text in the log, and still answers', async () => {
  const log = target.server.output();
  for (const line of log.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_LOG_LINE);
  expect(log).not.toMatch(/w1000 w1001|zanzibarquartz|marmaladeorbit/);
  expect(log).not.toMatch(/uncaught|unhandled/);
  await target.unharmed({ conversations: 5, modelCalls });
});

// The file store as a user meets it over HTTP, with a token set: upload a PDF price list, ask
// which supplier to use and get an answer quoting it through search_files; ask for a logo idea
// and get Creative's reply with an image served as image/png; an Images API failure still
// completes the turn. Real server process, the SDK's real HTTP path, a local OpenAI-compatible
// server with an Images endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { type FakeOpenAI, startFakeOpenAI, toolTurn } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { PRICE_LIST_PAGES, TINY_PNG, textPdf } from '../support/test-files.ts';
import { uploadFile } from '../support/upload.ts';

type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };
const TOKEN = 'files-test-token-1234';
const auth = { authorization: `Bearer ${TOKEN}` };

let fake: FakeOpenAI;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeOpenAI(() => ({ status: 500 }));
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-files-'));
  server = await startServer({
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    SWITCHBOARD_IMAGE_MODEL: 'fake-image-model',
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_TOKEN: TOKEN,
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('says images are on through the compatible server', async () => {
  const health = await (await fetch(`${server.url}/api/health`)).json();
  expect(health).toMatchObject({ ok: true, images: 'compatible' });
});

it('stores a PDF price list and answers a question by quoting it through search_files', async () => {
  const pdf = await textPdf(PRICE_LIST_PAGES);
  expect((await uploadFile(server.url, { name: 'price-list.pdf', content: pdf })).status).toBe(401);
  const uploaded = await uploadFile(
    server.url,
    { name: 'price-list.pdf', content: pdf, type: 'application/pdf' },
    { headers: auth },
  );
  expect(uploaded.status).toBe(201);
  expect(uploaded.body).toMatchObject({ name: 'price-list.pdf', contentType: 'application/pdf', bytes: pdf.length, pages: 2 });
  expect(uploaded.body.chars).toBeGreaterThan(100);

  fake.setResponder(toolTurn('Producing', 'search_files', { query: 'wax supplier' }, (found) => `From your files: ${found}`));
  const sent = await mutate<SendResult>(server.url, 'chat.send', { message: 'Which supplier do we use for wax?' }, auth);
  expect(sent.data!.reply.content).toContain('Soy wax flakes from Hive & Co: 4.20 EUR per kg');
  expect(sent.data!.reply.content).toContain('price-list.pdf');
  expect(sent.data!.turn.tools).toEqual([expect.objectContaining({ agent: 'Producing', name: 'search_files', ok: true })]);

  const original = await fetch(`${server.url}${uploaded.body.url as string}`, { headers: auth });
  expect(original.status).toBe(200);
  expect(original.headers.get('content-type')).toBe('application/pdf');
  expect(original.headers.get('content-disposition')).toBe(
    `attachment; filename="price-list.pdf"; filename*=UTF-8''price-list.pdf`,
  );
  expect(Buffer.from(await original.arrayBuffer()).equals(pdf)).toBe(true);
});

it("shows Creative's logo idea as an image served as image/png, only with the token", async () => {
  fake.setImageResponder(() => ({ image: TINY_PNG }));
  fake.setResponder(
    toolTurn(
      'Creative',
      'generate_image',
      { prompt: 'A flame in a circle, #2F4858', size: '1024x1024' },
      () => 'Here is the mark.',
    ),
  );
  const sent = await mutate<SendResult>(server.url, 'chat.send', { message: 'Show me a logo idea' }, auth);
  expect(sent.error).toBeUndefined();
  expect(fake.imageRequests.at(-1)).toMatchObject({
    model: 'fake-image-model',
    prompt: 'A flame in a circle, #2F4858',
    size: '1024x1024',
    response_format: 'b64_json',
  });
  const [image] = sent.data!.reply.attachments!;
  expect(image).toMatchObject({ kind: 'image', contentType: 'image/png', prompt: 'A flame in a circle, #2F4858' });
  expect(sent.data!.turn.tools).toEqual([expect.objectContaining({ agent: 'Creative', name: 'generate_image', ok: true })]);

  const served = await fetch(`${server.url}${image!.url}`, { headers: auth });
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(served.headers.get('content-disposition')).toMatch(/^inline; /);
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  const refused = await fetch(`${server.url}${image!.url}`);
  expect(refused.status).toBe(401);
  expect(refused.headers.get('cache-control')).toBe('no-store');
  expect(await refused.text()).not.toContain(TINY_PNG.toString('latin1'));
});

it('completes the turn when the Images API fails, with the call recorded as failed', async () => {
  fake.setImageResponder(() => ({ status: 500, message: 'image backend down' }));
  fake.setResponder(
    toolTurn('Creative', 'generate_image', { prompt: 'A label' }, () => 'The drawing tool is down; in words: a cream label.'),
  );
  const sent = await mutate<SendResult>(server.url, 'chat.send', { message: 'Draw a label' }, auth);
  expect(sent.data!.turn.status).toBe('completed');
  expect(sent.data!.turn.tools).toEqual([expect.objectContaining({ name: 'generate_image', ok: false })]);
  expect(sent.data!.reply.attachments).toBeUndefined();
});

it('answers a malformed id with 400 and an unknown one with 404, in sentences', async () => {
  const malformed = await fetch(`${server.url}/api/files/..%2f..%2fetc%2fpasswd`, { headers: auth });
  expect(malformed.status).toBe(400);
  expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/malformed/);
  const unknown = await fetch(`${server.url}/api/files/00000000-0000-4000-8000-000000000000`, { headers: auth });
  expect(unknown.status).toBe(404);
  expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/No file has this id/);
});

it("keeps a business's files to itself: search_files and drawn images stay in the conversation's business", async () => {
  type Business = { id: string; name: string; isDefault: boolean };
  const tea = (await mutate<Business>(server.url, 'businesses.create', { name: 'Leaf & Tin' }, auth)).data!;
  const listed = await query<{ items: Business[] }>(server.url, 'businesses.list', undefined, auth);
  const home = listed.data!.items.find((b) => b.isDefault)!;

  const unknown = await uploadFile(
    server.url,
    { name: 'x.txt', content: 'Wax' },
    { headers: auth, fields: { businessId: '00000000-0000-4000-8000-000000000000' } },
  );
  expect(unknown.status).toBe(404);
  expect(unknown.body.error!.message).toBe('No business has this id. businesses.list shows the ones there are.');
  const unnamed = await uploadFile(
    server.url,
    { name: 'unnamed.txt', content: 'Labels come from Druckerei Nord.' },
    { headers: auth },
  );
  expect(unnamed.body.businessId).toBe(home.id);
  const ours = await uploadFile(
    server.url,
    { name: 'tea-suppliers.txt', content: 'Our wax supplier for tea lights is Kerzenhof.' },
    { headers: auth, fields: { businessId: tea.id } },
  );
  expect(ours).toMatchObject({ status: 201, body: { businessId: tea.id } });

  fake.setResponder(toolTurn('Producing', 'search_files', { query: 'wax supplier' }, (found) => `From your files: ${found}`));
  const sent = await mutate<SendResult>(
    server.url,
    'chat.send',
    { businessId: tea.id, message: 'Which supplier do we use for wax?' },
    auth,
  );
  expect(sent.data!.reply.content).toContain('Kerzenhof');
  expect(sent.data!.reply.content).not.toContain('Hive & Co');

  fake.setImageResponder(() => ({ image: TINY_PNG }));
  fake.setResponder(toolTurn('Creative', 'generate_image', { prompt: 'A tea leaf in a tin' }, () => 'Here it is.'));
  const drawn = await mutate<SendResult>(
    server.url,
    'chat.send',
    { conversationId: sent.data!.conversationId, message: 'Draw our logo' },
    auth,
  );
  expect(drawn.data!.reply.attachments).toHaveLength(1);

  const teaFiles = await query<{ items: { name: string; kind: string; businessId: string }[] }>(
    server.url,
    'files.list',
    { businessId: tea.id },
    auth,
  );
  expect(teaFiles.data!.items.map((f) => [f.kind, f.businessId])).toEqual([
    ['image', tea.id],
    ['upload', tea.id],
  ]);
  const homeFiles = await query<{ items: { name: string }[] }>(server.url, 'files.list', { businessId: home.id }, auth);
  expect(homeFiles.data!.items.map((f) => f.name)).toContain('unnamed.txt');
  expect(homeFiles.data!.items.map((f) => f.name)).not.toContain('tea-suppliers.txt');
  const noSuch = await query(server.url, 'files.list', { businessId: '00000000-0000-4000-8000-000000000000' }, auth);
  expect(noSuch.error!.data.code).toBe('NOT_FOUND');
});

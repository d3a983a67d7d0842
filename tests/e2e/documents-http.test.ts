// The check, as a new user meets it over HTTP: "write a production plan for 200 mugs"
// leaves a "Production plan" by Producing; in another conversation "update the plan: 300 mugs"
// makes version 2 (the model finds the document in its input, as a real one would); the owner's
// edit from version 2 makes version 3; a second edit from version 2 is refused with the newer
// version; the Markdown export says 300; another business does not see it. Real server process,
// the SDK's real HTTP path, a local OpenAI-compatible server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DocumentDetailDto, DocumentDto } from '../../server/documents/document-dto.ts';
import type { MessageDto, TurnDto } from '../../server/routers/dto.ts';
import { PLAN_200, PLAN_300, producingTurn } from '../support/documents.ts';
import { type FakeOpenAI, messageTexts, startFakeOpenAI } from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };

let fake: FakeOpenAI;
let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeOpenAI(() => ({ status: 500 }));
  dataDir = mkdtempSync(join(tmpdir(), 'switchboard-documents-'));
  server = await startServer({ OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-model', SWITCHBOARD_DATA_DIR: dataDir });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps the plan an expert wrote, updates it from another conversation, refuses a stale edit and keeps it to its business', async () => {
  const mugs = (await mutate<{ id: string }>(server.url, 'businesses.create', { name: 'Mug studio' })).data!.id;
  const other = (await mutate<{ id: string }>(server.url, 'businesses.create', { name: 'Candle shop' })).data!.id;

  fake.setResponder(
    producingTurn(
      () => ({ name: 'write_document', arguments: { title: 'Production plan', content: PLAN_200 } }),
      'Your plan is saved.',
    ),
  );
  const wrote = await mutate<SendResult>(server.url, 'chat.send', {
    businessId: mugs,
    message: 'write a production plan for 200 mugs',
  });
  expect(wrote.data!.reply.agent).toBe('Producing');
  const [card] = wrote.data!.reply.documents!;
  expect(card).toMatchObject({ title: 'Production plan', version: 1, agent: 'Producing' });
  const { documentId } = card!;

  // The expert finds the document's id where a real model would: in the list its input carries.
  fake.setResponder(
    producingTurn((request) => {
      const id = /"Production plan" id ([0-9a-f-]{36})/.exec(messageTexts(request).join('\n'))?.[1] ?? 'not listed';
      return { name: 'update_document', arguments: { documentId: id, content: PLAN_300, note: '300 mugs' } };
    }, 'The plan now makes 300 mugs.'),
  );
  const updated = await mutate<SendResult>(server.url, 'chat.send', { businessId: mugs, message: 'update the plan: 300 mugs' });
  expect(updated.data!.conversationId).not.toBe(wrote.data!.conversationId);
  expect(updated.data!.turn.tools).toEqual([expect.objectContaining({ agent: 'Producing', name: 'update_document', ok: true })]);
  expect(updated.data!.reply.documents).toEqual([{ ...card, version: 2 }]);

  const v2 = (await query<DocumentDetailDto>(server.url, 'documents.get', { businessId: mugs, documentId })).data!;
  const ownerEdit = v2.content.replace('Glaze firing: week 4', 'Glaze firing: week 5');
  const v3 = await mutate<DocumentDetailDto>(server.url, 'documents.update', {
    businessId: mugs,
    documentId,
    content: ownerEdit,
    baseVersion: 2,
  });
  expect(v3.data).toMatchObject({ version: 3, content: ownerEdit });
  expect(v3.data!.versions.map((v) => v.author.kind)).toEqual(['agent', 'agent', 'user']);

  const stale = await mutate(server.url, 'documents.update', {
    businessId: mugs,
    documentId,
    content: `${v2.content}\nSecond edit`,
    baseVersion: 2,
  });
  expect(stale.status).toBe(409);
  expect(stale.error!.data).toMatchObject({ code: 'CONFLICT', version: 3 });
  expect(stale.error!.message).toContain('a newer version was saved');
  const newer = (await query<DocumentDetailDto>(server.url, 'documents.get', { businessId: mugs, documentId })).data!;
  expect(newer).toMatchObject({ version: 3, content: ownerEdit });

  const exported = await query<{ filename: string; content: string }>(server.url, 'documents.export', {
    businessId: mugs,
    documentId,
    format: 'markdown',
  });
  expect(exported.data!.filename).toBe('production-plan-v3.md');
  expect(exported.data!.content).toContain('300 mugs');

  expect((await query<{ items: DocumentDto[] }>(server.url, 'documents.list', { businessId: other })).data!.items).toEqual([]);
  const foreign = await query(server.url, 'documents.get', { businessId: other, documentId });
  expect(foreign.status).toBe(404);
  expect(foreign.error!.message).toBe('No document of this business has this id. documents.list shows the ones there are.');
});

it('refuses hostile input to documents.* with a sentence, and keeps the document as it was', async () => {
  const { items } = (await query<{ items: DocumentDto[] }>(server.url, 'documents.list', {})).data!;
  expect(items).toEqual([]);
  const mugs = (await query<{ items: { id: string; name: string }[] }>(server.url, 'businesses.list')).data!.items.find(
    (b) => b.name === 'Mug studio',
  )!;
  const [doc] = (await query<{ items: DocumentDto[] }>(server.url, 'documents.list', { businessId: mugs.id })).data!.items;
  const scope = { businessId: mugs.id, documentId: doc!.id };
  // Bigger than one request may be: the server's body limit answers before anything is parsed.
  const huge = await mutate(server.url, 'documents.update', {
    ...scope,
    content: 'x'.repeat(2_000_000),
    baseVersion: doc!.version,
  });
  expect(huge.status).toBe(413);
  expect(huge.error!.message).toMatch(/^The request is too large/);
  const badId = await query(server.url, 'documents.get', { businessId: mugs.id, documentId: "1' or '1'='1" });
  expect(badId.status).toBe(400);
  expect(badId.error!.message).toBe('documentId: must be a document id (a UUID), as listed by documents.list');
  const badVersion = await mutate(server.url, 'documents.update', { ...scope, content: 'x', baseVersion: -1 });
  expect(badVersion.error!.message).toBe('baseVersion: must be 1 or more');
  const badFormat = await query(server.url, 'documents.export', { ...scope, format: 'docx' });
  expect(badFormat.error!.message).toBe('format: must be markdown or csv');
  const after = (await query<DocumentDetailDto>(server.url, 'documents.get', scope)).data!;
  expect(after).toMatchObject({ version: doc!.version, content: expect.stringContaining('300 mugs') });
});

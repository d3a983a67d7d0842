// The file store inside turns: experts look facts up in the owner's files; Creative draws images
// that are kept with the turn and shown with its reply, within the per-turn limit, and a failing
// Images API leaves a completed turn with a failed tool call.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { readFile } from '../../db/queries/files.ts';
import type { JsonExport } from '../../server/export/export-conversation.ts';
import { ingestUpload } from '../../server/files/ingest-upload.ts';
import { uploadRefusals } from '../../server/files/upload-refusals.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';
import { fakeImageService, PRICE_LIST_PAGES, TINY_PNG, textPdf } from '../support/test-files.ts';

const LOGO_PROMPT = 'A minimal logo for Lumen & Wick: a flame inside a circle, #2F4858 on cream';

export function filesInTurnsSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  const harness = (images = fakeImageService()) =>
    chatHarness(database, { tools: { api: 'chat_completions', images }, modelName: 'gpt-4o-mini' });

  it('answers "which supplier do we use for wax?" from an uploaded PDF price list through search_files', async () => {
    const pdf = await textPdf(PRICE_LIST_PAGES);
    await ingestUpload(database.db, { name: 'price-list.pdf', content: pdf, fields: {} }, uploadRefusals(1 << 20));
    const h = harness();
    h.script(
      routeTo(h.team, 'Producing', 'Sourcing question.'),
      callTool('search_files', { query: 'which supplier do we use for wax?' }),
      reply('You buy soy wax from Hive & Co at 4.20 EUR per kg (price-list.pdf, page 1).'),
    );
    const sent = await h.api.chat.send({ message: 'Which supplier do we use for wax?' });
    expect(sent.turn.tools).toEqual([expect.objectContaining({ agent: 'Producing', name: 'search_files', ok: true })]);
    // What the expert read before answering: the passage, its file and its page.
    const lastCall = JSON.stringify(h.model.calls.at(-1)!.request.input);
    expect(lastCall).toContain('Soy wax flakes from Hive & Co: 4.20 EUR per kg');
    expect(lastCall).toContain('price-list.pdf');
    expect(lastCall).toContain('page 1');
    expect(sent.reply!.attachments).toBeUndefined();
  });

  it('every expert has search_files; only Creative has generate_image', () => {
    const h = harness();
    for (const [name, agent] of Object.entries(h.team.experts)) {
      const tools = agent.tools.map((t) => t.name);
      expect(tools, name).toContain('search_files');
      expect(tools.includes('generate_image'), name).toBe(name === 'Creative');
    }
    const off = chatHarness(database, {});
    expect(off.team.experts.Creative.tools.map((t) => t.name)).not.toContain('generate_image');
  });

  it('keeps the image Creative draws with its reply: send, history, exports and the stored bytes', async () => {
    const images = fakeImageService();
    const h = harness(images);
    h.script(
      routeTo(h.team, 'Creative', 'Logo idea.'),
      callTool('generate_image', { prompt: LOGO_PROMPT, size: '1024x1024' }),
      reply('Here is a flame-in-a-circle mark.'),
    );
    const sent = await h.api.chat.send({ message: 'Show me a logo idea for Lumen & Wick' });
    expect(images.prompts).toEqual([LOGO_PROMPT]);
    const [image] = sent.reply!.attachments ?? [];
    expect(image).toEqual({
      id: expect.any(String),
      kind: 'image',
      contentType: 'image/png',
      url: `/api/files/${image!.id}`,
      prompt: LOGO_PROMPT,
    });
    const stored = await readFile(database.db, image!.id);
    expect(stored).toMatchObject({
      kind: 'image',
      turnId: sent.turn.id,
      prompt: LOGO_PROMPT,
      contentType: 'image/png',
      bytes: TINY_PNG.length,
    });
    expect(stored!.content.equals(TINY_PNG)).toBe(true);
    // The record lists the call and prices it: 100 prompt tokens at $5/M, 1,000 image tokens at $30/M.
    expect(sent.turn.tools).toEqual([
      expect.objectContaining({ agent: 'Creative', name: 'generate_image', ok: true, costUsd: 0.0305 }),
    ]);

    const history = await h.api.chat.history({ conversationId: sent.conversationId });
    expect(history.messages.find((m) => m.role === 'assistant')!.attachments).toEqual([image]);
    expect(history.messages.find((m) => m.role === 'user')).not.toHaveProperty('attachments');
    const json = JSON.parse(
      (await h.api.conversations.export({ conversationId: sent.conversationId, format: 'json' })).content,
    ) as JsonExport;
    expect(json.messages[1]!.attachments).toEqual([image]);
    const md = (await h.api.conversations.export({ conversationId: sent.conversationId, format: 'markdown' })).content;
    expect(md).toContain(`Here is a flame-in-a-circle mark.\n\n![${LOGO_PROMPT}](/api/files/${image!.id})`);

    const listed = await h.api.files.list();
    expect(listed.items.find((f) => f.id === image!.id)).toMatchObject({
      kind: 'image',
      name: 'a-minimal-logo-for-lumen-wick.png',
      turnId: sent.turn.id,
    });
    // The images go with their conversation.
    await h.api.conversations.delete({ conversationId: sent.conversationId });
    expect(await readFile(database.db, image!.id)).toBeUndefined();
  });

  it('draws at most the per-turn limit; the extra call fails as a tool call and the turn completes', async () => {
    const images = fakeImageService({ perTurn: 1 });
    const h = harness(images);
    h.script(
      routeTo(h.team, 'Creative', 'Logo ideas.'),
      callTool('generate_image', { prompt: 'Idea one' }),
      callTool('generate_image', { prompt: 'Idea two' }),
      reply('One idea drawn; the second is described in words.'),
    );
    const sent = await h.api.chat.send({ message: 'Two logo ideas please' });
    expect(sent.turn.status).toBe('completed');
    expect(images.prompts).toEqual(['Idea one']);
    expect(sent.reply!.attachments?.map((a) => a.prompt)).toEqual(['Idea one']);
    expect(sent.turn.tools.map((t) => [t.name, t.ok])).toEqual([
      ['generate_image', true],
      ['generate_image', false],
    ]);
    expect(JSON.stringify(h.model.calls.at(-1)!.request.input)).toContain('the most one reply may have');
  });

  it('turns an Images API failure into a failed tool call; the turn still completes, nothing stored', async () => {
    const h = harness(fakeImageService({ failWith: '500 The image service is overloaded' }));
    h.script(
      routeTo(h.team, 'Creative', 'Logo idea.'),
      callTool('generate_image', { prompt: LOGO_PROMPT }),
      reply('The drawing tool is down; here is the idea in words.'),
    );
    const before = (await h.api.files.list()).items.length;
    const sent = await h.api.chat.send({ message: 'Draw me a logo' });
    expect(sent.turn.status).toBe('completed');
    expect(sent.turn.tools).toEqual([expect.objectContaining({ name: 'generate_image', ok: false })]);
    expect(sent.turn.tools[0]).not.toHaveProperty('costUsd');
    expect(sent.reply!.attachments).toBeUndefined();
    expect((await h.api.files.list()).items.length).toBe(before);
  });

  it('files.delete removes a file and its passages; an unknown id is NOT_FOUND', async () => {
    const h = harness();
    const stored = await ingestUpload(
      database.db,
      { name: 'gone.txt', content: Buffer.from('Beeswax from Bees R Us'), fields: {} },
      uploadRefusals(1 << 20),
    );
    if ('status' in stored) throw new Error('refused');
    expect(await h.api.files.delete({ fileId: stored.id })).toEqual({ fileId: stored.id });
    expect((await h.api.files.list()).items.map((f) => f.id)).not.toContain(stored.id);
    await expect(h.api.files.delete({ fileId: stored.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.api.files.delete({ fileId: 'nope' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
}

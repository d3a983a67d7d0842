// Documents through the real SDK runner: an expert writes one in a conversation, another
// conversation finds it in its input and updates it; a bad call is told to the expert, not a crash.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { DOCUMENTS_HEADER } from '../../server/documents/documents-digest.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { MAX_DOCUMENT_BYTES } from '../../shared/limits.ts';
import { onNewBusiness, PLAN_200, PLAN_300, PRICE_TABLE, toolOutputs } from '../support/documents.ts';
import { callTool, inputTexts, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

export function documentToolsSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('an expert writes a document in one conversation and updates it from another', async () => {
    const h = await onNewBusiness(database);
    h.script(
      routeTo(h.team, 'Producing', 'Production planning.'),
      callTool('write_document', { title: 'Production plan', content: PLAN_200 }),
      reply('Your production plan is beside this reply.'),
    );
    const first = await h.api.chat.send({ businessId: h.businessId, message: 'Write a production plan for 200 mugs' });
    expect(first.turn.tools).toEqual([expect.objectContaining({ agent: 'Producing', name: 'write_document', ok: true })]);
    const [card] = first.reply!.documents ?? [];
    expect(card).toEqual({
      documentId: expect.any(String),
      title: 'Production plan',
      kind: 'markdown',
      version: 1,
      agent: 'Producing',
    });

    const before = h.model.calls.length;
    h.script(
      routeTo(h.team, 'Producing', 'Updating the plan.'),
      callTool('read_document', { documentId: card!.documentId }),
      callTool('update_document', { documentId: card!.documentId, content: PLAN_300, note: '300 mugs' }),
      reply('Updated to 300 mugs.'),
    );
    const second = await h.api.chat.send({ businessId: h.businessId, message: 'Update the plan: 300 mugs' });
    expect(second.conversationId).not.toBe(first.conversationId);
    // Both the Orchestrator and the expert see the document listed, not its content.
    const listed = h.model.calls.slice(before, before + 2).map((call) => inputTexts(call.request.input).join('\n'));
    for (const text of listed) {
      expect(text).toContain(`"Production plan" id ${card!.documentId}, markdown, version 1`);
      expect(text).not.toContain('4 batches of 50');
    }
    expect(toolOutputs(h.model.calls[before + 2]!.request.input).join('\n')).toContain('4 batches of 50');
    expect(second.reply!.documents).toEqual([{ ...card, version: 2 }]);
    expect(second.turn.tools.map((t) => [t.name, t.ok])).toEqual([
      ['read_document', true],
      ['update_document', true],
    ]);

    const doc = await h.api.documents.get({ businessId: h.businessId, documentId: card!.documentId });
    expect(doc).toMatchObject({ title: 'Production plan', version: 2, content: PLAN_300 });
    expect(doc.versions).toEqual([
      expect.objectContaining({
        version: 1,
        author: { kind: 'agent', agent: 'Producing', conversationId: first.conversationId, turnId: first.turn.id },
      }),
      expect.objectContaining({
        version: 2,
        note: '300 mugs',
        author: { kind: 'agent', agent: 'Producing', conversationId: second.conversationId, turnId: second.turn.id },
      }),
    ]);
    // The card stays with the reply when the conversation is opened again.
    const history = await h.api.chat.history({ conversationId: first.conversationId });
    expect(history.messages.at(-1)!.documents).toEqual([card]);
    h.model.assertComplete();
  });

  it('an unknown or foreign document id, a bad table, an empty title or too much text is told to the expert; nothing is stored', async () => {
    const a = await onNewBusiness(database);
    a.script(
      routeTo(a.team, 'Strategic', 'Pricing.'),
      callTool('write_document', { title: 'Prices', kind: 'table', content: PRICE_TABLE }),
      reply('Saved.'),
    );
    const written = await a.api.chat.send({ businessId: a.businessId, message: 'Make a price list' });
    const foreignId = written.reply!.documents![0]!.documentId;

    const b = await onNewBusiness(database);
    const before = b.model.calls.length;
    b.script(
      routeTo(b.team, 'Strategic', 'Pricing.'),
      callTool('read_document', { documentId: foreignId }),
      callTool('update_document', { documentId: 'not-an-id', content: 'x' }),
      callTool('write_document', { title: '   ', content: 'Some text' }),
      callTool('write_document', { title: 'Prices', kind: 'table', content: '| a | b |\n|---|---|\n| 1 |\n' }),
      callTool('write_document', { title: 'Huge', content: 'x'.repeat(MAX_DOCUMENT_BYTES + 1) }),
      reply('I could not save it.'),
    );
    const answered = await b.api.chat.send({ businessId: b.businessId, message: 'Update the price list' });
    expect(answered.turn.status).toBe('completed');
    expect(answered.turn.tools.map((t) => t.ok)).toEqual([false, false, false, false, false]);
    expect(answered.reply!.documents).toBeUndefined();
    const told = toolOutputs(b.model.calls.at(-1)!.request.input);
    expect(told[0]).toMatch(/^Not read: no document of this business has the id/);
    expect(told[1]).toMatch(/^Not saved: no document of this business has the id "not-an-id"/);
    expect(told[2]).toMatch(/^Not saved: title: is empty/);
    expect(told[3]).toMatch(/^Not saved: content: row 1 of the table has 1 cell but the header has 2 columns/);
    expect(told[4]).toMatch(/^Not saved: content: is \d+ KB; a document holds at most 200 KB/);
    expect(b.model.calls.length - before).toBe(7);
    expect((await b.api.documents.list({ businessId: b.businessId })).items).toEqual([]);
    // A's document is as it was.
    expect(await a.api.documents.get({ businessId: a.businessId, documentId: foreignId })).toMatchObject({ version: 1 });
  });

  it('search_files finds a document, citing it; the conversation that wrote it is found by the conversation search', async () => {
    const h = await onNewBusiness(database);
    h.script(
      routeTo(h.team, 'Producing', 'Sourcing.'),
      callTool('write_document', { title: 'Kiln schedule', content: 'Firing the stoneware in the Nabertherm kiln on Fridays.' }),
      reply('Done.'),
    );
    const wrote = await h.api.chat.send({ businessId: h.businessId, message: 'Plan the firings' });
    const documentId = wrote.reply!.documents![0]!.documentId;
    h.script(routeTo(h.team, 'Producing', 'Kiln.'), callTool('search_files', { query: 'nabertherm' }), reply('Fridays.'));
    await h.api.chat.send({ businessId: h.businessId, message: 'When do I fire?' });
    const [output] = toolOutputs(h.model.calls.at(-1)!.request.input);
    expect(JSON.parse(output!)).toEqual([
      { source: 'document', documentId, title: 'Kiln schedule', text: expect.stringContaining('Nabertherm kiln') },
    ]);
    // The word is only in the document, never in a message.
    const found = await h.api.conversations.list({ businessId: h.businessId, query: 'Nabertherm' });
    expect(found.items.map((item) => item.id)).toEqual([wrote.conversationId]);
  });

  it('the documents list stays within the profile budget however many documents there are', async () => {
    const budget = 300;
    const h = await onNewBusiness(database, { profileBudget: budget });
    await h.api.profile.add({ businessId: h.businessId, text: 'The shop sells hand-thrown mugs.' });
    const writes = Array.from({ length: 8 }, (_, i) =>
      callTool('write_document', { title: `Plan ${i}`, content: `Plan number ${i}` }),
    );
    h.script(routeTo(h.team, 'Producing', 'Plans.'), ...writes, reply('Eight plans.'));
    await h.api.chat.send({ businessId: h.businessId, message: 'Write eight plans' });
    const before = h.model.calls.length;
    h.script(routeTo(h.team, 'Producing', 'Plans.'), reply('Here.'));
    await h.api.chat.send({ businessId: h.businessId, message: 'Which plans do I have?' });
    const profile = inputTexts(h.model.calls[before + 1]!.request.input)[0]!;
    expect(profile).toContain('The shop sells hand-thrown mugs.');
    expect(profile).toContain(DOCUMENTS_HEADER);
    // Newest first: the last plan written is listed, the first ones no longer fit.
    expect(profile).toContain('"Plan 7"');
    expect(profile).not.toContain('"Plan 0"');
    expect(countTokens(profile)).toBeLessThanOrEqual(budget);
  });
}

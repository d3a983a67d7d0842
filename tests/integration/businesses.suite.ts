// Businesses and their profiles through the API, and the migration that brought them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { listConversations } from '../../db/queries/list-conversations.ts';
import type { BusinessExport } from '../../server/business/export-business.ts';
import { ingestUpload } from '../../server/files/ingest-upload.ts';
import { uploadRefusals } from '../../server/files/upload-refusals.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { databaseAtMigration } from '../support/database-at-migration.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export function businessesSuite(kind: DriverKind) {
  let database: Database;
  let h: ReturnType<typeof chatHarness>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    h = chatHarness(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it('starts with one default business that new conversations join; a named one keeps its own', async () => {
    const [first, ...others] = (await h.api.businesses.list()).items;
    expect(others).toEqual([]);
    expect(first).toMatchObject({ name: 'My business', isDefault: true });

    const tea = await h.api.businesses.create({ name: '  Leaf   & Tin ' });
    expect(tea).toMatchObject({ name: 'Leaf & Tin', isDefault: false });
    expect((await h.api.businesses.rename({ businessId: tea.id, name: 'Leaf Tin Co.' })).name).toBe('Leaf Tin Co.');
    expect((await h.api.businesses.list()).items.map((b) => b.name)).toEqual(['My business', 'Leaf Tin Co.']);

    h.script(routeTo(h.team, 'Strategic', 'General.'), reply('Hello.'));
    const plain = await h.api.chat.send({ message: 'Hi' });
    h.script(routeTo(h.team, 'Strategic', 'General.'), reply('Hello, tea shop.'));
    const named = await h.api.chat.send({ businessId: tea.id, message: 'Hi from the tea shop' });
    const ids = async (businessId?: string) => (await h.api.conversations.list({ businessId })).items.map((c) => c.id);
    expect(await ids(first!.id)).toEqual([plain.conversationId]);
    expect(await ids(tea.id)).toEqual([named.conversationId]);
    expect((await ids()).sort()).toEqual([plain.conversationId, named.conversationId].sort());
    expect((await h.api.chat.history({ conversationId: named.conversationId })).conversation.businessId).toBe(tea.id);

    const usage = await h.api.stats.agentUsage({ businessId: tea.id });
    expect(usage.find((row) => row.agent === 'Strategic')?.turns).toBe(1);
    // The agent view, its routing review and search follow the business too.
    const turnsOf = async (businessId?: string) =>
      (await h.api.stats.agentTurns({ agent: 'Strategic', businessId })).items.map((t) => t.turnId);
    expect(await turnsOf(tea.id)).toEqual([named.turn.id]);
    expect(await turnsOf(first!.id)).toEqual([plain.turn.id]);
    await h.api.chat.flagRouting({ turnId: named.turn.id, expected: 'Media' });
    expect((await h.api.stats.routingFlags({ businessId: tea.id })).map((c) => c.id)).toEqual([`flag-${named.turn.id}`]);
    expect(await h.api.stats.routingFlags({ businessId: first!.id })).toEqual([]);
    expect((await h.api.stats.routingFlags()).map((c) => c.id)).toEqual([`flag-${named.turn.id}`]);
    const found = await h.api.conversations.list({ businessId: tea.id, query: 'tea shop' });
    expect(found.items).toEqual([
      expect.objectContaining({ id: named.conversationId, lastTurnStatus: 'completed', snippet: expect.any(Object) }),
    ]);
    expect((await h.api.conversations.list({ businessId: first!.id, query: 'tea shop' })).items).toEqual([]);

    // The same business again is fine; another one for an existing conversation is refused.
    h.script(routeTo(h.team, 'Strategic', 'General.'), reply('Still tea.'));
    await h.api.chat.send({ conversationId: named.conversationId, businessId: tea.id, message: 'Again' });
    const mismatch = await rejection(
      h.api.chat.send({ conversationId: named.conversationId, businessId: first!.id, message: 'x' }),
    );
    expect(mismatch).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('another business') });
    const missing = await rejection(h.api.chat.send({ conversationId: UNKNOWN, businessId: tea.id, message: 'x' }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('No conversation has this id.') });
    // Neither refusal stored the message or opened a turn.
    const history = await h.api.chat.history({ conversationId: named.conversationId });
    expect(history.messages.map((m) => m.content)).not.toContain('x');
    expect(history.turns.every((turn) => turn.status === 'completed')).toBe(true);
  });

  it('answers NOT_FOUND for an unknown business or fact and stores nothing', async () => {
    const before = (await h.api.conversations.list()).items.length;
    for (const call of [
      () => h.api.chat.send({ businessId: UNKNOWN, message: 'Hello?' }),
      () => h.api.conversations.list({ businessId: UNKNOWN }),
      () => h.api.businesses.rename({ businessId: UNKNOWN, name: 'x' }),
      () => h.api.businesses.export({ businessId: UNKNOWN }),
      () => h.api.profile.get({ businessId: UNKNOWN }),
      () => h.api.profile.add({ businessId: UNKNOWN, text: 'x' }),
      () => h.api.profile.update({ factId: UNKNOWN, text: 'x' }),
      () => h.api.profile.forget({ factId: UNKNOWN }),
    ]) {
      const error = await rejection(call());
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/^No (business|current fact) has this id/);
    }
    expect((await h.api.conversations.list()).items.length).toBe(before);
  });

  it('keeps the owner’s facts newest first; a forgotten fact cannot be edited or forgotten again', async () => {
    const shop = await h.api.businesses.create({ name: 'Facts shop' });
    const a = await h.api.profile.add({ businessId: shop.id, text: 'We sell soy candles.' });
    const b = await h.api.profile.add({ businessId: shop.id, text: 'Our audience is eco-minded.' });
    expect(a.source).toEqual({ kind: 'user' });
    // PGlite's clock counts milliseconds: an edit in the same one as b's insert would tie with it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = await h.api.profile.update({ factId: a.id, text: '  We sell soy   and rapeseed candles. ' });
    expect(edited).toMatchObject({ id: a.id, text: 'We sell soy and rapeseed candles.', createdAt: a.createdAt });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.updatedAt));
    expect((await h.api.profile.get({ businessId: shop.id })).facts.map((f) => f.id)).toEqual([a.id, b.id]);

    expect(await h.api.profile.forget({ factId: b.id })).toEqual({ factId: b.id });
    expect((await rejection(h.api.profile.forget({ factId: b.id }))).code).toBe('NOT_FOUND');
    expect((await rejection(h.api.profile.update({ factId: b.id, text: 'back' }))).code).toBe('NOT_FOUND');
    expect((await h.api.profile.get({ businessId: shop.id })).facts.map((f) => f.text)).toEqual([
      'We sell soy and rapeseed candles.',
    ]);
    // Without a businessId: the default business, which has none of these.
    expect((await h.api.profile.get()).facts.map((f) => f.id)).not.toContain(a.id);
  });

  it('refuses empty, overlong and broken texts with a sentence per field', async () => {
    // In-process callers get zod's issues as the message; HTTP clients get one sentence per field.
    for (const [text, sentence] of [
      ['   ', 'is empty: write the fact'],
      ['x'.repeat(501), 'is too long'],
      ['NUL \u0000 inside', 'not text'],
      ['broken \uD800 emoji', 'not text'],
    ] as const) {
      const error = await rejection(h.api.profile.add({ text }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toContain(sentence);
    }
    expect((await rejection(h.api.businesses.create({ name: '' }))).message).toContain('is empty: give the business a name');
    expect((await rejection(h.api.businesses.create({ name: 'n'.repeat(101) }))).message).toContain('is too long');
    expect((await rejection(h.api.profile.forget({ factId: 'not-a-uuid' }))).message).toContain('must be a fact id');
  });

  it('exports a business: its profile, files and every conversation as chat.history shows it', async () => {
    const shop = await h.api.businesses.create({ name: 'Lumen & Wick' });
    h.script(
      routeTo(h.team, 'Creative', 'Naming.'),
      callTool('remember', { fact: 'The brand is Lumen & Wick.' }),
      reply('Noted.'),
    );
    const sent = await h.api.chat.send({ businessId: shop.id, message: 'The brand is Lumen & Wick' });
    // The owner corrects the fact (its history keeps the model's text); a model's change to it then waits.
    const [learned] = (await h.api.profile.get({ businessId: shop.id })).facts;
    await h.api.profile.update({ factId: learned!.id, text: 'The brand is Lumen and Wick.' });
    h.script(
      routeTo(h.team, 'Creative', 'Naming.'),
      callTool('remember', { fact: 'The brand is Wick & Co.', replaces: learned!.id.slice(0, 8) }),
      reply('Noted.'),
    );
    await h.api.chat.send({ businessId: shop.id, conversationId: sent.conversationId, message: 'Call it Wick & Co.' });
    const upload = (name: string, fields: Record<string, string>) =>
      ingestUpload(database.db, { name, content: Buffer.from('Wax from Hive & Co.'), fields }, uploadRefusals(1024 * 1024));
    await upload('shop-suppliers.txt', { businessId: shop.id });
    await upload('other-suppliers.txt', {});
    const file = await h.api.businesses.export({ businessId: shop.id });
    expect(file).toMatchObject({
      filename: `lumen-wick-${shop.id.slice(0, 8)}.json`,
      contentType: 'application/json; charset=utf-8',
    });
    const body = JSON.parse(file.content) as BusinessExport;
    expect(body).toMatchObject({ format: 'switchboard.business', version: 1, business: { id: shop.id } });
    expect(body.files).toEqual((await h.api.files.list({ businessId: shop.id })).items);
    expect(body.files.map((f) => [f.name, f.businessId])).toEqual([['shop-suppliers.txt', shop.id]]);
    const { facts, proposals } = await h.api.profile.get({ businessId: shop.id });
    expect(proposals.map((p) => [p.currentText, p.text])).toEqual([['The brand is Lumen and Wick.', 'The brand is Wick & Co.']]);
    const history = await h.api.profile.history({ factId: learned!.id });
    expect(history.versions.map((v) => v.text)).toEqual(['The brand is Lumen and Wick.', 'The brand is Lumen & Wick.']);
    expect(body.profile).toEqual({ facts, proposals, history: [history] });
    expect(body.conversations).toEqual([await h.api.chat.history({ conversationId: sent.conversationId })]);
  });

  it('upgrades a database from before businesses: one default business owns every old conversation', async () => {
    const old = await databaseAtMigration(kind);
    try {
      await old.db.execute(sql`insert into conversations (title) values ('Old one'), ('Old two')`);
      await old.db.execute(sql`insert into messages (conversation_id, role, content, tokens)
        select id, 'user', 'Which candles sell best at markets?', 8 from conversations where title = 'Old one'`);
      await migrate(old);
      await migrate(old);
      const businesses = await old.db.query.businesses.findMany();
      expect(businesses).toEqual([expect.objectContaining({ name: 'My business', isDefault: true })]);
      const owners = await old.db.query.conversations.findMany({ columns: { businessId: true } });
      expect(owners).toEqual([{ businessId: businesses[0]!.id }, { businessId: businesses[0]!.id }]);
      // Old messages are searchable too, within the business that now owns them.
      const found = await listConversations(old.db, { businessId: businesses[0]!.id, query: 'candle', limit: 10 });
      expect(found.items.map((c) => c.title)).toEqual(['Old one']);
    } finally {
      await old.close();
    }
  });
}

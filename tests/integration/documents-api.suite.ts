// The owner's side of documents: edits that name their base version (a stale one is refused and
// overwrites nothing), restore, business isolation, exports and bad input.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { writeDocument } from '../../server/documents/document-store.ts';
import type { DomainError } from '../../server/errors.ts';
import { MAX_DOCUMENT_BYTES } from '../../shared/limits.ts';
import { rejection } from '../support/chat-harness.ts';
import { onNewBusiness, PLAN_200, PLAN_300, PRICE_TABLE } from '../support/documents.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const PRODUCING = { kind: 'agent' as const, agent: 'Producing', conversationId: null, turnId: null };

export function documentsApiSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const priceTable = (businessId: string) =>
    writeDocument(database.db, { businessId, title: 'Prices', kind: 'table', content: PRICE_TABLE, author: PRODUCING });

  async function withPlan() {
    const h = await onNewBusiness(database);
    const { businessId } = h;
    const doc = await writeDocument(database.db, {
      businessId,
      title: 'Production plan',
      kind: 'markdown',
      content: PLAN_200,
      author: PRODUCING,
    });
    return { ...h, documentId: doc.id, scope: { businessId, documentId: doc.id } };
  }

  it('an edit from the current version makes the next one; a second edit from the same version is refused with the newer version', async () => {
    const { api, scope } = await withPlan();
    const edited = await api.documents.update({ ...scope, content: PLAN_300, baseVersion: 1 });
    expect(edited).toMatchObject({ version: 2, content: PLAN_300 });
    const stale = await rejection(api.documents.update({ ...scope, content: `${PLAN_200}\nMy edit`, baseVersion: 1 }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('a newer version was saved');
    expect((stale.cause as DomainError).data).toEqual({ version: 2 });
    const now = await api.documents.get(scope);
    expect(now).toMatchObject({ version: 2, content: PLAN_300, contentVersion: 2 });
    expect(now.versions.map((v) => [v.version, v.author.kind])).toEqual([
      [1, 'agent'],
      [2, 'user'],
    ]);
    // Two edits racing from the same version: exactly one is saved.
    const race = await Promise.allSettled([
      api.documents.update({ ...scope, content: 'A', baseVersion: 2 }),
      api.documents.update({ ...scope, content: 'B', baseVersion: 2 }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await api.documents.get(scope)).versions).toHaveLength(3);
  });

  it('restoring an old version makes a new version with its content, keeping the ones between', async () => {
    const { api, scope } = await withPlan();
    await api.documents.update({ ...scope, content: PLAN_300, baseVersion: 1 });
    const old = await api.documents.get({ ...scope, version: 1 });
    expect(old).toMatchObject({ version: 2, contentVersion: 1, content: PLAN_200 });
    const restored = await api.documents.restore({ ...scope, version: 1, baseVersion: 2 });
    expect(restored).toMatchObject({ version: 3, content: PLAN_200 });
    expect(restored.versions.at(-1)).toMatchObject({ version: 3, note: 'Restored version 1', author: { kind: 'user' } });
    expect((await rejection(api.documents.restore({ ...scope, version: 1, baseVersion: 2 }))).code).toBe('CONFLICT');
    expect((await rejection(api.documents.get({ ...scope, version: 9 }))).code).toBe('NOT_FOUND');
  });

  it('another business can neither list, read, edit, export nor delete the document', async () => {
    const a = await withPlan();
    const b = await onNewBusiness(database);
    const foreign = { businessId: b.businessId, documentId: a.documentId };
    expect((await b.api.documents.list({ businessId: b.businessId })).items).toEqual([]);
    const refusals = [
      () => b.api.documents.get(foreign),
      () => b.api.documents.update({ ...foreign, content: 'Taken over', baseVersion: 1 }),
      () => b.api.documents.restore({ ...foreign, version: 1, baseVersion: 1 }),
      () => b.api.documents.export({ ...foreign, format: 'markdown' }),
      () => b.api.documents.delete(foreign),
      // Without a business: the default one, which does not have it either.
      () => b.api.documents.get({ documentId: a.documentId }),
    ];
    for (const refused of refusals) {
      const error = await rejection(refused());
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toBe('No document of this business has this id. documents.list shows the ones there are.');
    }
    expect(await a.api.documents.get(a.scope)).toMatchObject({ version: 1, content: PLAN_200 });
    expect((await a.api.documents.list({ businessId: a.businessId })).items).toHaveLength(1);
    await a.api.documents.delete(a.scope);
    expect((await a.api.documents.list({ businessId: a.businessId })).items).toEqual([]);
  });

  it('exports Markdown as stored, a table also as CSV, and every version in the business export', async () => {
    const { api, businessId, scope } = await withPlan();
    expect(await api.documents.export({ ...scope, format: 'markdown' })).toEqual({
      filename: 'production-plan-v1.md',
      contentType: 'text/markdown; charset=utf-8',
      content: PLAN_200,
    });
    expect((await rejection(api.documents.export({ ...scope, format: 'csv' }))).code).toBe('BAD_REQUEST');
    const table = await priceTable(businessId);
    const csv = await api.documents.export({ businessId, documentId: table.id, format: 'csv' });
    expect(csv).toMatchObject({ filename: 'prices-v1.csv', contentType: 'text/csv; charset=utf-8' });
    expect(csv.content).toBe('Product,Price\nMug,24 EUR\n"Bowl, large",30 EUR\n');
    const detail = await api.documents.get({ businessId, documentId: table.id });
    expect(detail.table).toEqual({
      header: ['Product', 'Price'],
      rows: [
        ['Mug', '24 EUR'],
        ['Bowl, large', '30 EUR'],
      ],
    });

    await api.documents.update({ ...scope, content: PLAN_300, baseVersion: 1 });
    const exported = JSON.parse((await api.businesses.export({ businessId })).content);
    const plan = exported.documents.find((d: { id: string }) => d.id === scope.documentId);
    expect(plan.versions.map((v: { version: number; content: string }) => [v.version, v.content])).toEqual([
      [1, PLAN_200],
      [2, PLAN_300],
    ]);
  });

  it('refuses a table whose rows do not match its header, too much text or an empty title, storing nothing', async () => {
    const { api, businessId } = await withPlan();
    const table = await priceTable(businessId);
    const scope = { businessId, documentId: table.id };
    const refusals: [() => Promise<unknown>, RegExp][] = [
      [
        () => api.documents.update({ ...scope, content: '| a | b |\n|---|---|\n| 1 | 2 | 3 |', baseVersion: 1 }),
        /row 1 of the table has 3 cells but the header has 2 columns/,
      ],
      [
        () => api.documents.update({ ...scope, content: 'Just a sentence.', baseVersion: 1 }),
        /a table must be one Markdown \(GFM\) table/,
      ],
      [
        () => api.documents.update({ ...scope, content: 'x'.repeat(MAX_DOCUMENT_BYTES + 1), baseVersion: 1 }),
        /a document holds at most 200 KB/,
      ],
      [() => api.documents.update({ ...scope, content: '   ', baseVersion: 1 }), /content: is empty/],
      [() => api.documents.update({ ...scope, content: 'a\u0000b', baseVersion: 1 }), /not text/],
    ];
    for (const [refused, message] of refusals) {
      const error = await rejection(refused());
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(message);
    }
    const title = writeDocument(database.db, { businessId, title: ' \n ', kind: 'markdown', content: 'Text', author: PRODUCING });
    await expect(title).rejects.toThrow(/title: is empty/);
    const taken = writeDocument(database.db, {
      businessId,
      title: 'production PLAN',
      kind: 'markdown',
      content: 'Text',
      author: PRODUCING,
    });
    await expect(taken).rejects.toThrow(/already has a document called "Production plan"/);
    expect(await api.documents.get(scope)).toMatchObject({ version: 1, content: PRICE_TABLE });
    expect((await api.documents.list({ businessId })).items).toHaveLength(2);
    expect((await rejection(api.documents.get({ businessId, documentId: 'nope' }))).code).toBe('BAD_REQUEST');
  });
}

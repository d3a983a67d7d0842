// The file store on a real database: real PDFs, CSVs and Markdown are extracted, kept byte for
// byte, searched with full-text search; refused uploads leave nothing behind.
import { setImmediate } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createBusiness, defaultBusiness } from '../../db/queries/businesses.ts';
import { CHUNK_BYTES } from '../../db/queries/file-chunks.ts';
import { deleteFile, insertUpload, listFiles, readFile, searchPassages } from '../../db/queries/files.ts';
import { fileChunks, filePassages, files } from '../../db/schema.ts';
import { ingestUpload } from '../../server/files/ingest-upload.ts';
import { uploadRefusals } from '../../server/files/upload-refusals.ts';
import { databaseAtMigration } from '../support/database-at-migration.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';
import { EXECUTABLE, NOTES_MD, PRICE_LIST_PAGES, SUPPLIERS_CSV, scannedPdf, TINY_PNG, textPdf } from '../support/test-files.ts';

const refusals = uploadRefusals(20 * 1024 * 1024);

export function fileStoreSuite(kind: DriverKind) {
  let database: Database;
  let defaultId: string;
  const upload = (name: string, content: Buffer | string, fields: Record<string, string> = {}) =>
    ingestUpload(database.db, { name, content: Buffer.from(content), fields }, refusals);
  const search = (query: string, businessId = defaultId) => searchPassages(database.db, { query, businessId, limit: 5 });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    defaultId = (await defaultBusiness(database.db)).id;
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.delete(files);
  });

  it('keeps a PDF byte for byte and indexes its text layer page by page', async () => {
    const pdf = await textPdf(PRICE_LIST_PAGES);
    const stored = await upload('price-list.pdf', pdf);
    expect(stored).toMatchObject({
      name: 'price-list.pdf',
      contentType: 'application/pdf',
      kind: 'upload',
      bytes: pdf.length,
      pages: 2,
    });
    if ('status' in stored) throw new Error('refused');
    expect(stored.chars).toBeGreaterThan(100);
    const row = await readFile(database.db, stored.id);
    expect(Buffer.isBuffer(row!.content)).toBe(true);
    expect(row!.content.equals(pdf)).toBe(true);
    const [hit] = await search('which supplier do we use for wax?');
    expect(hit).toMatchObject({ name: 'price-list.pdf', location: 'page 1' });
    expect(hit!.text).toContain('Soy wax flakes from Hive & Co: 4.20 EUR per kg');
    expect((await search('jars'))[0]).toMatchObject({ location: 'page 2' });
  });

  it('indexes CSV rows with their column names, labelled by spreadsheet row', async () => {
    const stored = await upload('suppliers.csv', SUPPLIERS_CSV);
    expect(stored).toMatchObject({ contentType: 'text/csv; charset=utf-8', chars: SUPPLIERS_CSV.length });
    expect(stored).not.toHaveProperty('pages');
    const [hit] = await search('fragrance supplier');
    expect(hit).toMatchObject({ name: 'suppliers.csv', location: 'rows 2–5' });
    expect(hit!.text).toContain('item: fragrance oil; supplier: Scentual; price_eur: 18.50');
  });

  it('indexes Markdown and plain text by lines', async () => {
    await upload('launch-notes.md', NOTES_MD);
    await upload('todo.txt', 'Call the printer about labels on Monday.');
    const hits = await search('labels printed');
    expect(hits.map((h) => h.name)).toEqual(['launch-notes.md', 'todo.txt']);
    expect(hits[0]).toMatchObject({ location: 'lines 1–7' });
    const listed = await listFiles(database.db);
    expect(listed.map((f) => [f.name, f.contentType])).toEqual([
      ['todo.txt', 'text/plain; charset=utf-8'],
      ['launch-notes.md', 'text/markdown; charset=utf-8'],
    ]);
  });

  it('ranks the passage that matches more of the question first, and finds nothing for nothing', async () => {
    await upload('a.txt', 'Wax is cheaper in winter.');
    await upload('b.txt', 'Our wax supplier is Hive & Co, and the supplier delivers the wax in 5 days.');
    await upload('c.txt', 'The market stall costs 35 EUR.');
    const hits = await search('wax supplier delivery');
    expect(hits.map((h) => h.name)).toEqual(['b.txt', 'a.txt']);
    expect(await search('saxophone')).toEqual([]);
    expect(await search('the of and')).toEqual([]);
    expect(await search('!!! ??? <>')).toEqual([]);
    expect(await search("wax' OR 1=1 --")).toHaveLength(2);
  });

  it("stores an upload under its business (the default one when none is named) and searches only that business's files", async () => {
    const mine = (await createBusiness(database.db, 'Lumen Wick')).id;
    const theirs = (await createBusiness(database.db, 'Other Co')).id;
    await upload('ours.txt', 'Wax from Hive & Co.', { businessId: mine });
    await upload('theirs.txt', 'Wax from Other Co.', { businessId: theirs });
    expect(await upload('unnamed.txt', 'Wax from the corner shop.')).toMatchObject({ businessId: defaultId });
    expect((await search('wax', mine)).map((h) => h.name)).toEqual(['ours.txt']);
    expect((await search('wax', theirs)).map((h) => h.name)).toEqual(['theirs.txt']);
    expect((await search('wax')).map((h) => h.name)).toEqual(['unnamed.txt']);
    expect((await listFiles(database.db, mine)).map((f) => f.name)).toEqual(['ours.txt']);
    expect(await upload('x.txt', 'Wax', { businessId: 'not-a-uuid' })).toBe(refusals.badBusinessId);
    expect(await upload('x.txt', 'Wax', { businessId: '0b7e6a52-1f8e-4a8f-9c51-0d9d5b2e8a11' })).toBe(refusals.unknownBusiness);
    expect(await listFiles(database.db)).toHaveLength(3);
  });

  it('refuses a PDF without a text layer, programs and other types, storing nothing', async () => {
    expect(await upload('scan.pdf', await scannedPdf())).toBe(refusals.noTextLayer);
    expect(await upload('setup.exe', EXECUTABLE)).toBe(refusals.executable);
    expect(await upload('prices.pdf', EXECUTABLE)).toBe(refusals.executable);
    expect(await upload('notes.txt', EXECUTABLE)).toBe(refusals.executable);
    expect(await upload('run.txt', '#!/bin/sh\nrm -rf ~\n')).toBe(refusals.executable);
    expect(await upload('logo.png', TINY_PNG)).toBe(refusals.unsupported);
    expect(await upload('logo.txt', TINY_PNG)).toBe(refusals.unsupported);
    expect(await upload('page.html', '<script>alert(1)</script>')).toBe(refusals.unsupported);
    expect(await upload('fake.pdf', 'just text')).toBe(refusals.unsupported);
    expect(await upload('broken.pdf', '%PDF-1.7\nnot really')).toBe(refusals.unreadable);
    expect(await upload('empty.txt', '  \n ')).toBe(refusals.empty);
    expect(await listFiles(database.db)).toEqual([]);
    expect(await database.db.select().from(filePassages)).toEqual([]);
  });

  it('keeps a safe name: no folders, no control characters', async () => {
    const stored = await upload('../../etc/\u202Epasswd.txt', 'root');
    expect(stored).toMatchObject({ name: 'passwd.txt' });
    expect(await upload('C:\\Users\\me\\notes.md', '# hi')).toMatchObject({ name: 'notes.md' });
  });

  it('stores a CSV with a 2 MB row, every passage indexed, and finds words from its middle and its end', async () => {
    const cells = Array.from({ length: 300_000 }, (_, i) => (i === 150_000 ? 'beeswax' : i === 299_999 ? 'tealight' : `w${i}`));
    const csv = `item,notes\ncandles,"${cells.join(' ')}"\nwicks,short\n`;
    expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
    const stored = await upload('long-row.csv', csv);
    expect(stored).toMatchObject({ name: 'long-row.csv', chars: csv.trim().length });
    const [middle] = await search('beeswax');
    expect(middle).toMatchObject({ name: 'long-row.csv', location: 'row 2' });
    expect((await search('tealight'))[0]).toMatchObject({ location: 'row 2' });
    expect((await search('wicks'))[0]).toMatchObject({ location: 'row 3' });
  });

  it('stores every passage or none: a passage the database refuses halfway leaves no file, no chunk and no passage', async () => {
    const passages = Array.from({ length: 450 }, (_, n) => ({ location: `line ${n + 1}`, text: `passage ${n} beeswax` }));
    // Postgres text cannot hold NUL: the 400th passage is refused after three batches were written.
    passages[399] = { location: 'line 400', text: 'bad \u0000 byte' };
    // Its chunks are all written before its first passage.
    const content = Buffer.alloc(2 * CHUNK_BYTES + 5, 'x');
    const upload = { name: 'half.txt', contentType: 'text/plain', content, chars: content.length, businessId: defaultId };
    await expect(insertUpload(database.db, upload, passages)).rejects.toThrow();
    expect(await listFiles(database.db)).toEqual([]);
    expect(await database.db.select().from(filePassages)).toEqual([]);
    expect(await database.db.select({ id: files.id }).from(files)).toEqual([]);
    expect(await database.db.select({ seq: fileChunks.seq }).from(fileChunks)).toEqual([]);
  });

  it('keeps a file of many chunks byte for byte, no chunk over the bound, and deleting it leaves none of its chunks or passages', async () => {
    // A length no chunk boundary divides: the last chunk is a short one.
    const content = Buffer.concat([Buffer.from('Beeswax notes.\n'), Buffer.alloc(3 * CHUNK_BYTES + 1234, 'wax ')]);
    const stored = await upload('notes.txt', content);
    if ('status' in stored) throw new Error('refused');
    expect((await readFile(database.db, stored.id))!.content.equals(content)).toBe(true);
    const chunks = await database.db
      .select({ seq: fileChunks.seq, length: sql<number>`length(${fileChunks.bytes})`.mapWith(Number) })
      .from(fileChunks)
      .where(eq(fileChunks.fileId, stored.id))
      .orderBy(fileChunks.seq);
    expect(chunks).toEqual([
      { seq: 0, length: CHUNK_BYTES },
      { seq: 1, length: CHUNK_BYTES },
      { seq: 2, length: CHUNK_BYTES },
      { seq: 3, length: content.length - 3 * CHUNK_BYTES },
    ]);
    expect(await deleteFile(database.db, stored.id)).toBe(true);
    expect(await database.db.select({ seq: fileChunks.seq }).from(fileChunks)).toEqual([]);
    expect(await database.db.select().from(filePassages)).toEqual([]);
    expect(await search('beeswax')).toEqual([]);
  });

  it('keeps the bytes of files stored before they were kept in chunks', async () => {
    const old = await databaseAtMigration(kind, '0008_uploads_sql');
    try {
      const pdf = await textPdf(PRICE_LIST_PAGES);
      const big = Buffer.alloc(2 * CHUNK_BYTES + 7, 'old notes ');
      for (const [name, content] of [
        ['price-list.pdf', pdf],
        ['old-notes.txt', big],
      ] as const) {
        await old.db.execute(sql`insert into files (business_id, name, content_type, kind, bytes, content)
          select id, ${name}, 'application/octet-stream', 'upload', ${content.length}, ${content} from businesses where is_default`);
      }
      await migrate(old);
      const listed = await listFiles(old.db);
      const read = async (name: string) => (await readFile(old.db, listed.find((f) => f.name === name)!.id))!.content;
      expect((await read('price-list.pdf')).equals(pdf)).toBe(true);
      expect((await read('old-notes.txt')).equals(big)).toBe(true);
      expect(await old.db.select({ seq: fileChunks.seq }).from(fileChunks)).toHaveLength(4);
    } finally {
      await old.close();
    }
  });

  it('shows a file to list and search only once its last passage is written', async () => {
    const passages = Array.from({ length: 3_000 }, (_, n) => ({ location: `line ${n + 1}`, text: `passage ${n} beeswax` }));
    const upload = { name: 'many.txt', contentType: 'text/plain', content: Buffer.from('x'), chars: 1, businessId: defaultId };
    let writing = true;
    const seen: number[] = [];
    const writes = insertUpload(database.db, upload, passages).finally(() => {
      writing = false;
    });
    while (writing) {
      const [listed, found] = await Promise.all([listFiles(database.db), search('beeswax')]);
      if (writing) seen.push(listed.length + found.length);
      // As requests do, arriving between other work rather than in one unbroken chain of promises.
      await setImmediate();
    }
    const stored = await writes;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n === 0)).toBe(true);
    expect((await listFiles(database.db)).map((f) => f.id)).toEqual([stored.id]);
    expect(await search('beeswax')).toHaveLength(5);
  });
}

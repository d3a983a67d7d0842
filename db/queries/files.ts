// The file store: uploads with their searchable passages, and the images turns draw.
import { setImmediate } from 'node:timers/promises';
import { and, desc, eq, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type FileRow, filePassages, files, turns } from '../schema.ts';
import { anyWordQuery } from './any-word-query.ts';
import { CHUNK_BYTES, readChunks, writeChunks } from './file-chunks.ts';

/** A file as listed: everything but its bytes, which are read chunk by chunk (`readChunks`). */
export type FileInfo = FileRow;
export type NewUpload = Pick<FileRow, 'name' | 'contentType' | 'chars' | 'businessId'> & {
  content: Buffer;
  pages?: number | null;
};

const info = getTableColumns(files);

/** Passages per statement: on PGlite one takes ~5 ms, so other requests wait at most ~0.1 s between two. */
const PASSAGE_BATCH = 25;

/**
 * The file, its bytes and its passages together, or none of them. Not one transaction: PGlite has
 * one connection, and an 18 MB file's chunks and passages would hold it for many seconds. The row
 * stays hidden (`ready` false) until its last passage is written, and is deleted (its chunks and
 * passages with it) if writing fails; one left behind by a stopped process is cleared by a later upload.
 */
export async function insertUpload(db: Db, upload: NewUpload, passages: { location: string; text: string }[]): Promise<FileInfo> {
  await db.delete(files).where(and(eq(files.ready, false), lt(files.createdAt, sql`now() - interval '1 hour'`)));
  const { content, ...fields } = upload;
  const [row] = await db
    .insert(files)
    .values({ ...fields, kind: 'upload', bytes: content.length, ready: false })
    .returning(info);
  const fileId = row!.id;
  try {
    await writeChunks(db, fileId, content);
    for (let at = 0; at < passages.length; at += PASSAGE_BATCH) {
      await db.insert(filePassages).values(passages.slice(at, at + PASSAGE_BATCH).map((p, i) => ({ fileId, n: at + i, ...p })));
      // Lets requests that arrived meanwhile queue their queries before the next batch.
      await setImmediate();
    }
    await db.update(files).set({ ready: true }).where(eq(files.id, fileId));
  } catch (error) {
    await db.delete(files).where(eq(files.id, fileId));
    throw error;
  }
  return { ...row!, ready: true };
}

/** An image is a few chunks at most: one transaction keeps it whole. */
export async function insertImage(
  db: Db,
  image: { turnId: string; name: string; prompt: string; contentType: string; content: Buffer; businessId: string },
): Promise<FileInfo> {
  const { content, ...fields } = image;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({ ...fields, kind: 'image', bytes: content.length })
      .returning(info);
    await writeChunks(tx, row!.id, content);
    return row!;
  });
}

/** Newest first; without a business, every file. */
export async function listFiles(db: Db, businessId?: string): Promise<FileInfo[]> {
  return db
    .select(info)
    .from(files)
    .where(and(eq(files.ready, true), businessId ? eq(files.businessId, businessId) : undefined))
    .orderBy(desc(files.createdAt), desc(files.id));
}

/** A file with all its bytes at once: for small files only (a download streams `readChunks`). */
export async function readFile(db: Db, id: string): Promise<(FileInfo & { content: Buffer }) | undefined> {
  const row = await readFileInfo(db, id);
  return row && { ...row, content: Buffer.concat(await readChunks(db, id, 0, Math.ceil(row.bytes / CHUNK_BYTES))) };
}

export async function readFileInfo(db: Db, id: string): Promise<FileInfo | undefined> {
  const [row] = await db
    .select(info)
    .from(files)
    .where(and(eq(files.id, id), eq(files.ready, true)));
  return row;
}

export async function deleteFile(db: Db, id: string): Promise<boolean> {
  const deleted = await db.delete(files).where(eq(files.id, id)).returning({ id: files.id });
  return deleted.length > 0;
}

/** Images drawn in a conversation's turns, oldest first. */
export async function imagesOfConversation(db: Db, conversationId: string): Promise<FileInfo[]> {
  return db
    .select(info)
    .from(files)
    .innerJoin(turns, eq(turns.id, files.turnId))
    .where(and(eq(turns.conversationId, conversationId), eq(files.kind, 'image')))
    .orderBy(files.createdAt, files.id);
}

export async function imagesOfTurns(db: Db, turnIds: string[]): Promise<FileInfo[]> {
  if (!turnIds.length) return [];
  return db
    .select(info)
    .from(files)
    .where(and(inArray(files.turnId, turnIds), eq(files.kind, 'image')))
    .orderBy(files.createdAt, files.id);
}

export type PassageHit = { fileId: string; name: string; location: string; text: string; rank: number };

/**
 * Full-text search over uploads' passages, best first. Any of the query's words may match (a
 * question rarely repeats every word of the answer); passages matching more of them, closer
 * together, rank higher.
 */
export async function searchPassages(
  db: Db,
  params: { query: string; businessId: string; limit: number },
): Promise<PassageHit[]> {
  const query = anyWordQuery(params.query);
  if (!query) return [];
  const rank = sql<number>`ts_rank_cd(${filePassages.search}, ${query})`;
  return db
    .select({ fileId: files.id, name: files.name, location: filePassages.location, text: filePassages.text, rank })
    .from(filePassages)
    .innerJoin(files, eq(files.id, filePassages.fileId))
    .where(and(sql`${filePassages.search} @@ ${query}`, eq(files.businessId, params.businessId), eq(files.ready, true)))
    .orderBy(desc(rank), filePassages.fileId, filePassages.n)
    .limit(params.limit);
}

export async function deleteImagesOfTurn(db: Db, turnId: string): Promise<void> {
  await db.delete(files).where(and(eq(files.turnId, turnId), eq(files.kind, 'image')));
}

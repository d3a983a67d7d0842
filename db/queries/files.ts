// The file store: uploads with their searchable passages, and the images turns draw.
import { setImmediate } from 'node:timers/promises';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type FileRow, filePassages, files, turns } from '../schema.ts';
import { anyWordQuery } from './any-word-query.ts';

export type FileInfo = Omit<FileRow, 'content'>;
export type NewUpload = Pick<FileRow, 'name' | 'contentType' | 'content' | 'chars' | 'businessId'> & {
  pages?: number | null;
};

const info = {
  id: files.id,
  businessId: files.businessId,
  name: files.name,
  contentType: files.contentType,
  kind: files.kind,
  bytes: files.bytes,
  turnId: files.turnId,
  prompt: files.prompt,
  chars: files.chars,
  pages: files.pages,
  ready: files.ready,
  createdAt: files.createdAt,
};

/** Passages per statement: on PGlite one takes ~5 ms, so other requests wait at most ~0.1 s between two. */
const PASSAGE_BATCH = 25;

/**
 * The file and its passages together, or neither. Not one transaction: PGlite has one connection,
 * and an 18 MB file's passages would hold it for many seconds. The row stays hidden (`ready`
 * false) until its last passage is written, and is deleted if writing fails; one left behind by a
 * stopped process is cleared by a later upload.
 */
export async function insertUpload(db: Db, upload: NewUpload, passages: { location: string; text: string }[]): Promise<FileInfo> {
  await db.delete(files).where(and(eq(files.ready, false), lt(files.createdAt, sql`now() - interval '1 hour'`)));
  const [row] = await db
    .insert(files)
    .values({ ...upload, kind: 'upload', bytes: upload.content.length, ready: false })
    .returning(info);
  const fileId = row!.id;
  try {
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

export async function insertImage(
  db: Db,
  image: { turnId: string; name: string; prompt: string; contentType: string; content: Buffer; businessId: string },
): Promise<FileInfo> {
  const [row] = await db
    .insert(files)
    .values({ ...image, kind: 'image', bytes: image.content.length })
    .returning(info);
  return row!;
}

/** Newest first; without a business, every file. */
export async function listFiles(db: Db, businessId?: string): Promise<FileInfo[]> {
  return db
    .select(info)
    .from(files)
    .where(and(eq(files.ready, true), businessId ? eq(files.businessId, businessId) : undefined))
    .orderBy(desc(files.createdAt), desc(files.id));
}

export async function readFile(db: Db, id: string): Promise<FileRow | undefined> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), eq(files.ready, true)));
  return row;
}

export async function readFileInfo(db: Db, id: string): Promise<FileInfo | undefined> {
  const [row] = await db
    .select(info)
    .from(files)
    .where(and(eq(files.id, id), eq(files.ready, true)));
  return row;
}

/** `length` bytes of a file from `offset` (0-based): downloads stream a file slice by slice. */
export async function readFileSlice(db: Db, id: string, offset: number, length: number): Promise<Buffer> {
  const [row] = await db
    .select({ slice: sql`substring(${files.content} from ${offset + 1} for ${length})`.mapWith(files.content) })
    .from(files)
    .where(eq(files.id, id));
  return row?.slice ?? Buffer.alloc(0);
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

// The file store: uploads with their searchable passages, and the images turns draw.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type FileRow, filePassages, files, turns } from '../schema.ts';

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
  createdAt: files.createdAt,
};

/** The file and its passages together, or neither. */
export async function insertUpload(db: Db, upload: NewUpload, passages: { location: string; text: string }[]): Promise<FileInfo> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(files)
      .values({ ...upload, kind: 'upload', bytes: upload.content.length })
      .returning(info);
    // In batches: one statement's parameters are capped (65,535), and a 20 MB text has thousands of passages.
    for (let at = 0; at < passages.length; at += 500) {
      const batch = passages.slice(at, at + 500).map((p, i) => ({ fileId: row!.id, n: at + i, ...p }));
      await tx.insert(filePassages).values(batch);
    }
    return row!;
  });
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
    .where(businessId ? eq(files.businessId, businessId) : undefined)
    .orderBy(desc(files.createdAt), desc(files.id));
}

export async function readFile(db: Db, id: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.id, id));
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
  const words = params.query.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return [];
  // websearch_to_tsquery never fails on user text; "or" between the words makes any one enough.
  const query = sql`websearch_to_tsquery('english', ${words.join(' or ')})`;
  const rank = sql<number>`ts_rank_cd(${filePassages.search}, ${query})`;
  return db
    .select({ fileId: files.id, name: files.name, location: filePassages.location, text: filePassages.text, rank })
    .from(filePassages)
    .innerJoin(files, eq(files.id, filePassages.fileId))
    .where(and(sql`${filePassages.search} @@ ${query}`, eq(files.businessId, params.businessId)))
    .orderBy(desc(rank), filePassages.fileId, filePassages.n)
    .limit(params.limit);
}

export async function deleteImagesOfTurn(db: Db, turnId: string): Promise<void> {
  await db.delete(files).where(and(eq(files.turnId, turnId), eq(files.kind, 'image')));
}

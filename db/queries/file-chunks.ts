// A file's bytes as bounded chunks: written a statement a chunk, read back a few chunks at a time,
// so no statement ever carries a whole file (see `fileChunks`).
import { setImmediate } from 'node:timers/promises';
import { and, eq, gte } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { fileChunks } from '../schema.ts';

/** Large enough that an 18 MB file is 72 statements, small enough that PGlite's memory never grows for one. */
export const CHUNK_BYTES = 256 * 1024;

export async function writeChunks(db: Db, fileId: string, content: Buffer): Promise<void> {
  for (let seq = 0; seq * CHUNK_BYTES < content.length; seq += 1) {
    const bytes = content.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES);
    await db.insert(fileChunks).values({ fileId, seq, bytes });
    // Lets requests that arrived meanwhile queue their queries before the next chunk.
    await setImmediate();
  }
}

/** Up to `count` chunks from `seq` on, in order; none once past the last (or the file is gone). */
export async function readChunks(db: Db, fileId: string, seq: number, count: number): Promise<Buffer[]> {
  const rows = await db
    .select({ bytes: fileChunks.bytes })
    .from(fileChunks)
    .where(and(eq(fileChunks.fileId, fileId), gte(fileChunks.seq, seq)))
    .orderBy(fileChunks.seq)
    .limit(count);
  return rows.map((row) => row.bytes);
}

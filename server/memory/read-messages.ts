// The messages a model may see, read page by page so that a caller which stops early never
// reads more than a page past what it used.
import type { Db } from '../../db/client.ts';
import { type MemoryMessage, memoryPage } from '../../db/queries/messages.ts';

const PAGE = 64;

/**
 * The conversation's newest page with no bounds but its memory boundary: read while its turn is
 * being opened, so it may or may not hold the turn's own message (`readMessages` skips it).
 */
export function readNewestPage(db: Db, conversationId: string): Promise<MemoryMessage[]> {
  return memoryPage(db, { conversationId, afterSeq: 0, beforeSeq: Number.MAX_SAFE_INTEGER, limit: PAGE, order: 'newest-first' });
}

/** `newest`: a newest-first read starts from this page (see readNewestPage) instead of a query. */
export async function* readMessages(
  db: Db,
  conversationId: string,
  range: { afterSeq: number; beforeSeq: number; order: 'newest-first' | 'oldest-first'; newest?: MemoryMessage[] },
): AsyncGenerator<MemoryMessage> {
  let { afterSeq, beforeSeq } = range;
  let page = range.order === 'newest-first' ? range.newest : undefined;
  for (;;) {
    page ??= await memoryPage(db, { conversationId, afterSeq, beforeSeq, limit: PAGE, order: range.order });
    for (const message of page) {
      if (message.seq <= afterSeq || message.seq >= beforeSeq) continue;
      yield message;
    }
    const last = page.at(-1);
    // Past `afterSeq` (only an unbounded page can be) means nothing older is in range either.
    if (!last || page.length < PAGE || (range.order === 'newest-first' && last.seq <= afterSeq)) return;
    if (range.order === 'newest-first') beforeSeq = Math.min(beforeSeq, last.seq);
    else afterSeq = last.seq;
    page = undefined;
  }
}

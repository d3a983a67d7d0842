// The messages a model may see, read page by page so that a caller which stops early never
// reads more than a page past what it used.
import type { Db } from '../../db/client.ts';
import { type MemoryMessage, memoryPage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';

const PAGE = 64;

export async function* readMessages(
  db: Db,
  conversation: ConversationRow,
  range: { afterSeq: number; beforeSeq: number; order: 'newest-first' | 'oldest-first' },
): AsyncGenerator<MemoryMessage> {
  let { afterSeq, beforeSeq } = range;
  for (;;) {
    const page = await memoryPage(db, {
      conversationId: conversation.id,
      memoryFrom: conversation.memoryFrom,
      afterSeq,
      beforeSeq,
      limit: PAGE,
      order: range.order,
    });
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    if (range.order === 'newest-first') beforeSeq = last.seq;
    else afterSeq = last.seq;
  }
}

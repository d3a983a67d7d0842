// Which messages the next summary folds in: all but a half-full window, and no more than one
// Summarizer call can read within the budget.
import type { Db } from '../../db/client.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import { readWindow } from './assemble.ts';
import { readMessages } from './read-messages.ts';
import { MESSAGE_OVERHEAD, promptOverhead } from './summary-prompt.ts';
import { countTokens } from './tokens.ts';

/** The summary may take about a quarter of the budget; the window gets the rest. */
export const SUMMARY_SHARE = 0.25;

export function summaryTarget(budget: number): number {
  return Math.floor(budget * SUMMARY_SHARE);
}

export async function planFold(
  db: Db,
  params: { conversation: ConversationRow; current: MemoryMessage; budget: number },
): Promise<MemoryMessage[]> {
  const { conversation, current, budget } = params;
  // Hysteresis: keep only what fits in half the room, so the next fold is several turns away.
  const summaryRoom = Math.max(conversation.summaryTokens, summaryTarget(budget));
  const keepRoom = Math.max(0, Math.floor((budget - current.tokens - summaryRoom) / 2));
  const kept = await readWindow(db, conversation, { beforeSeq: current.seq, room: keepRoom });
  // The window opens on a user message, so the fold ends on a whole exchange.
  const keepFromSeq = kept.messages[0]?.seq ?? current.seq;
  const room = budget - countTokens(conversation.summary) - promptOverhead();
  return readOldest(db, conversation, { beforeSeq: keepFromSeq, room });
}

/** The oldest unsummarized messages before `beforeSeq` that fit in `room` (at least one). */
async function readOldest(
  db: Db,
  conversation: ConversationRow,
  params: { beforeSeq: number; room: number },
): Promise<MemoryMessage[]> {
  const taken: MemoryMessage[] = [];
  let remaining = params.room;
  const range = { afterSeq: conversation.summaryThroughSeq, beforeSeq: params.beforeSeq, order: 'oldest-first' as const };
  for await (const message of readMessages(db, conversation.id, range)) {
    const cost = message.tokens + MESSAGE_OVERHEAD;
    if (cost > remaining && taken.length > 0) {
      // Cut before a question whose answer did not fit: the next fold takes them together.
      if (taken.length > 1 && taken.at(-1)!.role === 'user') taken.pop();
      break;
    }
    remaining -= cost;
    taken.push(message);
  }
  return taken;
}

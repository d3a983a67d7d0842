// When the next summary is due and which messages it folds in: all but a half-full window, and no
// more than one Summarizer call can read within the budget.
import type { Db } from '../../db/client.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import { readWindow } from './assemble.ts';
import { readMessages } from './read-messages.ts';
import { MESSAGE_OVERHEAD, promptOverhead } from './summary-prompt.ts';
import { countTokens } from './tokens.ts';

/** The summary may take about a quarter of the budget; the window gets the rest. */
export const SUMMARY_SHARE = 0.25;

/**
 * A fold starts once summary and window pass this share of the budget, ahead of need: the rest is
 * room for the next message while the Summarizer writes (a turn never waits for it).
 */
export const FOLD_AT_SHARE = 0.875;

const NEWEST = Number.MAX_SAFE_INTEGER;

export function summaryTarget(budget: number): number {
  return Math.floor(budget * SUMMARY_SHARE);
}

export function foldThreshold(budget: number): number {
  return Math.floor(budget * FOLD_AT_SHARE);
}

/** Whether the conversation's summary and unsummarized messages have passed the fold threshold. */
export async function foldDue(db: Db, params: { conversation: ConversationRow; budget: number }): Promise<boolean> {
  const { conversation, budget } = params;
  const room = foldThreshold(budget) - conversation.summaryTokens;
  return room < 0 || (await readWindow(db, conversation, { beforeSeq: NEWEST, room })).overflow;
}

/** The oldest unsummarized messages to fold now, oldest first; none when nothing is left to fold. */
export async function planFold(db: Db, params: { conversation: ConversationRow; budget: number }): Promise<MemoryMessage[]> {
  const { conversation, budget } = params;
  // Hysteresis: keep only what fits in half the room, so the next fold is several turns away.
  const summaryRoom = Math.max(conversation.summaryTokens, summaryTarget(budget));
  const keepRoom = Math.max(0, Math.floor((foldThreshold(budget) - summaryRoom) / 2));
  const kept = await readWindow(db, conversation, { beforeSeq: NEWEST, room: keepRoom });
  // The window opens on a user message, so the fold ends on a whole exchange.
  const keepFromSeq = kept.messages[0]?.seq ?? NEWEST;
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

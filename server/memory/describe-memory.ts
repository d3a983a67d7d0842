// "What the assistant remembers": the summary and the window the next turn would see.
import type { Db } from '../../db/client.ts';
import type { ConversationRow } from '../../db/schema.ts';
import { readWindow } from './assemble.ts';

export type MemoryStatus = {
  summary: string;
  summaryTokens: number;
  /** Messages (and their tokens) the next turn would see verbatim. */
  windowMessages: number;
  windowTokens: number;
  budget: number;
  /** Summary + window: what the next turn spends of the budget before the new message. */
  tokensInUse: number;
  /** Older messages wait to be folded into the summary on the next turn. */
  pendingSummary: boolean;
  memoryFrom: string | null;
};

export async function describeMemory(db: Db, conversation: ConversationRow, budget: number): Promise<MemoryStatus> {
  const room = Math.max(0, budget - conversation.summaryTokens);
  const window = await readWindow(db, conversation, { beforeSeq: Number.MAX_SAFE_INTEGER, room });
  return {
    summary: conversation.summary,
    summaryTokens: conversation.summaryTokens,
    windowMessages: window.messages.length,
    windowTokens: window.tokens,
    budget,
    tokensInUse: conversation.summaryTokens + window.tokens,
    pendingSummary: window.overflow,
    memoryFrom: conversation.memoryFrom?.toISOString() ?? null,
  };
}

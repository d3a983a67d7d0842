// What the model sees of a conversation: its rolling summary plus the newest messages that fit.
import { assistant, user, type AgentInputItem } from '@openai/agents';
import type { Db } from '../../db/client.ts';
import { memoryPage, type MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';

const PAGE = 64;

export type Memory = {
  input: AgentInputItem[];
  /** Conversation tokens in `input`: summary + window + the new message. */
  tokens: number;
  /** Messages newer than the summary that no longer fit; the summarizer should fold them in. */
  overflow: boolean;
  /** The oldest message in the window, or null when only the new message fits. */
  oldestSeq: number | null;
};

export function summaryMessage(summary: string): AgentInputItem {
  return user(`Summary of the earlier conversation (for context, not a request):\n${summary}`);
}

/**
 * Reads newest-first pages until the budget is spent, so the cost depends on the budget,
 * never on how long the conversation is.
 */
export async function assembleMemory(
  db: Db,
  params: { conversation: ConversationRow; current: MemoryMessage; budget: number },
): Promise<Memory> {
  const { conversation, current, budget } = params;
  let remaining = budget - current.tokens - conversation.summaryTokens;
  const window: MemoryMessage[] = [];
  let overflow = false;
  let beforeSeq = current.seq;
  for (;;) {
    const page = await memoryPage(db, {
      conversationId: conversation.id,
      memoryFrom: conversation.memoryFrom,
      afterSeq: conversation.summaryThroughSeq,
      beforeSeq,
      limit: PAGE,
    });
    for (const message of page) {
      if (message.tokens > remaining) {
        overflow = true;
        break;
      }
      remaining -= message.tokens;
      window.push(message);
    }
    if (overflow || page.length < PAGE) break;
    beforeSeq = page.at(-1)!.seq;
  }
  window.reverse();
  // A window opening on an assistant reply has lost the question it answered: drop it.
  while (window[0]?.role === 'assistant') remaining += window.shift()!.tokens;
  const input: AgentInputItem[] = [];
  if (conversation.summary) input.push(summaryMessage(conversation.summary));
  for (const m of window) input.push(m.role === 'user' ? user(m.content) : assistant(m.content));
  input.push(user(current.content));
  return { input, tokens: budget - remaining, overflow, oldestSeq: window[0]?.seq ?? null };
}

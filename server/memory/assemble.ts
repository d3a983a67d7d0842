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

export type MemoryWindow = { messages: MemoryMessage[]; tokens: number; overflow: boolean };

/** The summary as the model reads it; a conversation's summaryTokens counts exactly this text. */
export function summaryText(summary: string): string {
  return `Summary of the earlier conversation (for context, not a request):\n${summary}`;
}

export function summaryMessage(summary: string): AgentInputItem {
  return user(summaryText(summary));
}

/**
 * The newest messages after the summary and before `beforeSeq` that fit in `room` tokens, oldest
 * first. Reads newest-first pages until the room is spent, so the cost depends on the budget,
 * never on how long the conversation is.
 */
export async function readWindow(
  db: Db,
  conversation: ConversationRow,
  params: { beforeSeq: number; room: number },
): Promise<MemoryWindow> {
  let remaining = params.room;
  const messages: MemoryMessage[] = [];
  let overflow = false;
  let beforeSeq = params.beforeSeq;
  for (;;) {
    const page = await memoryPage(db, {
      conversationId: conversation.id,
      memoryFrom: conversation.memoryFrom,
      afterSeq: conversation.summaryThroughSeq,
      beforeSeq,
      limit: PAGE,
      order: 'newest-first',
    });
    for (const message of page) {
      if (message.tokens > remaining) {
        overflow = true;
        break;
      }
      remaining -= message.tokens;
      messages.push(message);
    }
    if (overflow || page.length < PAGE) break;
    beforeSeq = page.at(-1)!.seq;
  }
  messages.reverse();
  // A window opening on an assistant reply has lost the question it answered: drop it.
  while (messages[0]?.role === 'assistant') remaining += messages.shift()!.tokens;
  return { messages, tokens: params.room - remaining, overflow };
}

export async function assembleMemory(
  db: Db,
  params: { conversation: ConversationRow; current: MemoryMessage; budget: number },
): Promise<Memory> {
  const { conversation, current, budget } = params;
  const fixed = current.tokens + conversation.summaryTokens;
  const window = await readWindow(db, conversation, { beforeSeq: current.seq, room: budget - fixed });
  const input: AgentInputItem[] = [];
  if (conversation.summary) input.push(summaryMessage(conversation.summary));
  for (const m of window.messages) input.push(m.role === 'user' ? user(m.content) : assistant(m.content));
  input.push(user(current.content));
  return {
    input,
    tokens: fixed + window.tokens,
    overflow: window.overflow,
    oldestSeq: window.messages[0]?.seq ?? null,
  };
}

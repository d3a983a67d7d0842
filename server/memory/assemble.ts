// What the model sees of a conversation: its rolling summary plus the newest messages that fit.
import type { Db } from '../../db/client.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import type { MemoryItem } from './memory.ts';
import { readMessages } from './read-messages.ts';

export type Assembled = {
  items: MemoryItem[];
  /** Conversation tokens in `items`: summary + window + the new message. */
  tokens: number;
  /** Messages newer than the summary that no longer fit; the summarizer should fold them in. */
  overflow: boolean;
};

export type MemoryWindow = { messages: MemoryMessage[]; tokens: number; overflow: boolean };

/** The summary as the model reads it; a conversation's summaryTokens counts exactly this text. */
export function summaryText(summary: string): string {
  return `Summary of the earlier conversation (for context, not a request):\n${summary}`;
}

/**
 * The newest messages after the summary and before `beforeSeq` that fit in `room` tokens, oldest
 * first. The cost depends on the budget, never on how long the conversation is.
 */
export async function readWindow(
  db: Db,
  conversation: ConversationRow,
  params: { beforeSeq: number; room: number; newest?: MemoryMessage[] },
): Promise<MemoryWindow> {
  let remaining = params.room;
  const messages: MemoryMessage[] = [];
  let overflow = false;
  const range = {
    afterSeq: conversation.summaryThroughSeq,
    beforeSeq: params.beforeSeq,
    order: 'newest-first' as const,
    newest: params.newest,
  };
  for await (const message of readMessages(db, conversation.id, range)) {
    if (message.tokens > remaining) {
      overflow = true;
      break;
    }
    remaining -= message.tokens;
    messages.push(message);
  }
  messages.reverse();
  // A window opening on an assistant reply has lost the question it answered: drop it.
  while (messages[0]?.role === 'assistant') remaining += messages.shift()!.tokens;
  return { messages, tokens: params.room - remaining, overflow };
}

/** `newest`: the conversation's newest page, read ahead (see readNewestPage). */
export async function assemble(
  db: Db,
  params: { conversation: ConversationRow; current: MemoryMessage; budget: number; newest?: MemoryMessage[] },
): Promise<Assembled> {
  const { conversation, current, budget } = params;
  const fixed = current.tokens + conversation.summaryTokens;
  const window = await readWindow(db, conversation, { beforeSeq: current.seq, room: budget - fixed, newest: params.newest });
  const items: MemoryItem[] = [];
  if (conversation.summary) {
    items.push({ role: 'user', content: summaryText(conversation.summary), tokens: conversation.summaryTokens, context: true });
  }
  for (const m of window.messages) items.push({ role: m.role, content: m.content, tokens: m.tokens });
  items.push({ role: 'user', content: current.content, tokens: current.tokens });
  return { items, tokens: fixed + window.tokens, overflow: window.overflow };
}

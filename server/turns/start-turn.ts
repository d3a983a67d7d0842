// Storing a turn's user message and opening the turn, in one statement (with a new conversation,
// or settling an existing one's interrupted turns).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { insertOpeningWithConversation, settleAndOpen, type UserMessage } from '../../db/queries/open-turn.ts';
import type { ConversationRow, MessageRow, TurnRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';
import { INTERRUPTED } from './interrupted-turns.ts';
import { titleFrom } from './title.ts';

export type StartedTurn = { conversation: ConversationRow; userMessage: MessageRow; turn: TurnRow };

export type StartInput = {
  conversationId?: string;
  /** A new conversation's business (default: the default one); an existing one must match it. */
  businessId?: string;
  /** The id a new conversation gets: chosen by the caller so its lock is held before the row exists. */
  newConversationId: string;
  message: string;
  clientMessageId?: string;
  tokens: number;
};

/** Under the conversation's lock (see interrupted-turns.ts): its running turns are failed as interrupted. */
export async function startTurn(db: Db, input: StartInput): Promise<StartedTurn> {
  const conversationId = input.conversationId ?? input.newConversationId;
  const message: UserMessage = {
    id: randomUUID(),
    conversationId,
    turnId: randomUUID(),
    content: input.message,
    tokens: input.tokens,
    clientMessageId: input.clientMessageId,
  };
  if (!input.conversationId) {
    const conversation = { title: titleFrom(input.message), businessId: input.businessId };
    // The one row it can point at that may be missing is the named business.
    return insertOpeningWithConversation(db, conversation, message).catch(rethrowMissing('BUSINESS_NOT_FOUND'));
  }
  // Deleted in between: the message has no conversation to join.
  const settled = await settleAndOpen(db, message, { businessId: input.businessId, failure: INTERRUPTED }).catch(
    rethrowMissing('CONVERSATION_NOT_FOUND'),
  );
  if (!settled) throw new DomainError('CONVERSATION_NOT_FOUND');
  if (!settled.opening) throw new DomainError('BUSINESS_MISMATCH');
  return { conversation: settled.conversation, ...settled.opening };
}

function rethrowMissing(code: 'BUSINESS_NOT_FOUND' | 'CONVERSATION_NOT_FOUND') {
  return (error: unknown): never => {
    throw isForeignKeyViolation(error) ? new DomainError(code) : error;
  };
}

// Storing a turn's user message and opening the turn: one statement for a new conversation, two
// for an existing one (read it and settle its interrupted turns, then write).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import {
  insertOpening,
  insertOpeningWithConversation,
  settleAndFindConversation,
  type UserMessage,
} from '../../db/queries/open-turn.ts';
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
  const conversation = await settleAndFindConversation(db, conversationId, INTERRUPTED);
  if (!conversation) throw new DomainError('CONVERSATION_NOT_FOUND');
  if (input.businessId && conversation.businessId !== input.businessId) throw new DomainError('BUSINESS_MISMATCH');
  // Deleted in between: the message has no conversation to join.
  const opening = await insertOpening(db, message).catch(rethrowMissing('CONVERSATION_NOT_FOUND'));
  return { conversation, ...opening };
}

function rethrowMissing(code: 'BUSINESS_NOT_FOUND' | 'CONVERSATION_NOT_FOUND') {
  return (error: unknown): never => {
    throw isForeignKeyViolation(error) ? new DomainError(code) : error;
  };
}

// Storing a turn's user message and opening the turn, in one transaction.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { findBusiness } from '../../db/queries/businesses.ts';
import { createConversation, findConversation } from '../../db/queries/conversations.ts';
import { insertMessage } from '../../db/queries/messages.ts';
import { openTurn } from '../../db/queries/turns.ts';
import type { ConversationRow, MessageRow, TurnRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';
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

export async function startTurn(db: Db, input: StartInput): Promise<StartedTurn> {
  return db.transaction(async (tx) => {
    if (!input.conversationId && input.businessId && !(await findBusiness(tx, input.businessId))) {
      throw new DomainError('BUSINESS_NOT_FOUND');
    }
    const conversation = input.conversationId
      ? await findConversation(tx, input.conversationId)
      : await createConversation(tx, titleFrom(input.message), input.newConversationId, input.businessId);
    if (!conversation) throw new DomainError('CONVERSATION_NOT_FOUND');
    if (input.businessId && conversation.businessId !== input.businessId) throw new DomainError('BUSINESS_MISMATCH');
    const turnId = randomUUID();
    const userMessage = await insertMessage(tx, {
      conversationId: conversation.id,
      turnId,
      role: 'user',
      content: input.message,
      tokens: input.tokens,
      clientMessageId: input.clientMessageId,
    });
    const turn = await openTurn(tx, { id: turnId, conversationId: conversation.id, userMessageId: userMessage.id });
    return { conversation, userMessage, turn };
  });
}

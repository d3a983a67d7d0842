// Step 1 of a turn: store the user's message and open the turn, in one transaction.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { createConversation, findConversation } from '../../db/queries/conversations.ts';
import { insertMessage } from '../../db/queries/messages.ts';
import { openTurn } from '../../db/queries/turns.ts';
import type { ConversationRow, MessageRow, TurnRow } from '../../db/schema.ts';
import { countTokens } from '../memory/tokens.ts';
import { titleFrom } from './title.ts';

export type StartedTurn = { conversation: ConversationRow; userMessage: MessageRow; turn: TurnRow };

export async function startTurn(
  db: Db,
  input: { conversationId?: string; message: string; clientMessageId?: string; newConversationId?: string },
): Promise<StartedTurn | { notFound: true }> {
  return db.transaction(async (tx) => {
    const conversation = input.conversationId
      ? await findConversation(tx, input.conversationId)
      : await createConversation(tx, titleFrom(input.message), input.newConversationId);
    if (!conversation) return { notFound: true as const };
    const turnId = randomUUID();
    const userMessage = await insertMessage(tx, {
      conversationId: conversation.id,
      turnId,
      role: 'user',
      content: input.message,
      tokens: countTokens(input.message),
      clientMessageId: input.clientMessageId,
    });
    const turn = await openTurn(tx, { id: turnId, conversationId: conversation.id, userMessageId: userMessage.id });
    return { conversation, userMessage, turn };
  });
}

// A whole conversation as the API shows it: chat.history answers with it, exports are made from it.
import type { Db } from '../../db/client.ts';
import { findConversation } from '../../db/queries/conversations.ts';
import { factsTaughtIn } from '../../db/queries/facts.ts';
import { imagesOfConversation } from '../../db/queries/files.ts';
import { listMessages } from '../../db/queries/messages.ts';
import { listTurns } from '../../db/queries/turns.ts';
import type { ConversationRow } from '../../db/schema.ts';
import type { Pricing } from '../cost/pricing.ts';
import { documentRefsByTurn } from '../documents/document-refs.ts';
import { DomainError } from '../errors.ts';
import { type AttachmentDto, toAttachmentDto } from '../files/file-dto.ts';
import { type MessageDto, type TurnDto, toMessageDto, toTurnDto } from './dto.ts';

export type ConversationDto = {
  id: string;
  businessId: string;
  title: string;
  summary: string;
  memoryFrom: string | null;
  createdAt: string;
  updatedAt: string;
};

export type HistoryDto = { conversation: ConversationDto; messages: MessageDto[]; turns: TurnDto[] };

export function toConversationDto(conversation: ConversationRow): ConversationDto {
  return {
    id: conversation.id,
    businessId: conversation.businessId,
    title: conversation.title,
    summary: conversation.summary,
    memoryFrom: conversation.memoryFrom?.toISOString() ?? null,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
  };
}

/** Oldest first. */
export async function loadHistory(db: Db, conversationId: string, pricing: Pricing): Promise<HistoryDto> {
  const conversation = await findConversation(db, conversationId);
  if (!conversation) throw new DomainError('CONVERSATION_NOT_FOUND');
  const [messages, turns, images] = await Promise.all([
    listMessages(db, conversation.id),
    listTurns(db, conversation.id),
    imagesOfConversation(db, conversation.id),
  ]);
  const turnIds = turns.map((turn) => turn.id);
  const [taught, written] = await Promise.all([factsTaughtIn(db, turnIds), documentRefsByTurn(db, turnIds)]);
  const remembered = (turnId: string) =>
    taught.filter((fact) => fact.turnId === turnId).map((fact) => ({ factId: fact.id, text: fact.text }));
  const attachments = new Map<string | null, AttachmentDto[]>();
  for (const image of images) attachments.set(image.turnId, [...(attachments.get(image.turnId) ?? []), toAttachmentDto(image)]);
  return {
    conversation: toConversationDto(conversation),
    messages: messages.map((m) =>
      m.role === 'assistant'
        ? toMessageDto(m, attachments.get(m.turnId) ?? [], (m.turnId && written.get(m.turnId)) || [])
        : toMessageDto(m),
    ),
    turns: turns.map((turn) => toTurnDto(turn, pricing, remembered(turn.id))),
  };
}

// How a finished turn ends, read from its rows: what a watcher gets for a turn that is over, and
// what a watcher on another instance gets when the turn ends there.
import type { Db } from '../../db/client.ts';
import { imagesOfTurns } from '../../db/queries/files.ts';
import { findReply } from '../../db/queries/messages.ts';
import type { TurnRow } from '../../db/schema.ts';
import { documentRefsOfTurn } from '../documents/document-refs.ts';
import { ERRORS, isErrorCode } from '../errors.ts';
import { toAttachmentDto } from '../files/file-dto.ts';
import type { LiveEvent } from '../turns/events.ts';

export async function finalEvent(db: Db, turn: TurnRow): Promise<LiveEvent | null> {
  if (turn.status === 'running') return null;
  if (turn.status === 'awaiting_approval') {
    return { type: 'approval', turnId: turn.id, conversationId: turn.conversationId, turn, approvals: turn.approvals };
  }
  if (turn.status === 'failed') {
    const code = isErrorCode(turn.errorCode) ? turn.errorCode : 'INTERNAL';
    return { type: 'failed', code, message: turn.errorMessage ?? ERRORS[code].message, turnId: turn.id };
  }
  const reply = (await findReply(db, turn.id)) ?? null;
  const attachments = reply ? (await imagesOfTurns(db, [turn.id])).map(toAttachmentDto) : [];
  const documents = reply ? await documentRefsOfTurn(db, turn.id) : [];
  if (turn.status === 'cancelled')
    return { type: 'cancelled', conversationId: turn.conversationId, turn, reply, attachments, documents };
  // A completed turn always has its reply: it is written in the same statement.
  if (!reply) return { type: 'failed', code: 'INTERNAL', message: ERRORS.INTERNAL.message, turnId: turn.id };
  return { type: 'done', conversationId: turn.conversationId, turn, reply, attachments, documents };
}

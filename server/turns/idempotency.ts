// A message is stored once however often it is sent: a resend with the same clientMessageId is
// answered with the original turn, also when two copies race past each other.
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { imagesOfTurns } from '../../db/queries/files.ts';
import { findByClientMessageId, findReply } from '../../db/queries/messages.ts';
import { findTurnByUserMessage } from '../../db/queries/turns.ts';
import { documentRefsOfTurn } from '../documents/document-refs.ts';
import { DomainError, isErrorCode } from '../errors.ts';
import { toAttachmentDto } from '../files/file-dto.ts';
import type { TurnCancelled, TurnDone } from './events.ts';
import { type StartedTurn, type StartInput, startTurn } from './start-turn.ts';

/** Stores the message and opens its turn, or answers with the copy stored before. */
export async function startOnce(
  db: Db,
  input: StartInput,
): Promise<{ started: StartedTurn } | { replay: TurnDone | TurnCancelled }> {
  const { clientMessageId } = input;
  if (clientMessageId) {
    const replay = await replayResend(db, input.conversationId, clientMessageId);
    if (replay) return { replay };
  }
  try {
    return { started: await startTurn(db, input) };
  } catch (error) {
    // The turn lock makes this rare (it takes a broken lock session), but the unique index is
    // the last word: the other copy won, so answer with it instead of failing.
    if (!clientMessageId || !isUniqueViolation(error)) throw error;
    const replay = await replayResend(db, input.conversationId, clientMessageId);
    if (!replay) throw error;
    return { replay };
  }
}

async function replayResend(
  db: Db,
  conversationId: string | undefined,
  clientMessageId: string,
): Promise<TurnDone | TurnCancelled | undefined> {
  const message = await findByClientMessageId(db, clientMessageId, conversationId);
  if (!message) return undefined;
  const turn = await findTurnByUserMessage(db, message.id);
  if (!turn) return undefined;
  if (turn.status === 'failed') {
    const code = isErrorCode(turn.errorCode) ? turn.errorCode : 'INTERNAL';
    throw new DomainError(code, { message: turn.errorMessage ?? undefined, turnId: turn.id });
  }
  // The id lets a reconnecting stream follow the running turn instead (chat.stream).
  if (turn.status === 'running') throw new DomainError('TURN_IN_PROGRESS', { turnId: turn.id });
  const reply = await findReply(db, turn.id);
  const attachments = reply ? (await imagesOfTurns(db, [turn.id])).map(toAttachmentDto) : [];
  const documents = reply ? await documentRefsOfTurn(db, turn.id) : [];
  if (turn.status === 'cancelled')
    return { type: 'cancelled', conversationId: turn.conversationId, turn, reply: reply ?? null, attachments, documents };
  if (!reply) throw new DomainError('TURN_IN_PROGRESS', { turnId: turn.id });
  return { type: 'done', conversationId: turn.conversationId, turn, reply, attachments, documents };
}

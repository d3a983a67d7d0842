// A message is stored once however often it is sent: a resend with the same clientMessageId is
// answered with the original turn, also when two copies race past each other.
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { findByClientMessageId, findReply } from '../../db/queries/messages.ts';
import { findTurnByUserMessage } from '../../db/queries/turns.ts';
import { ChatError, conversationNotFound } from './chat-errors.ts';
import type { Pricing } from '../cost/pricing.ts';
import { toMessageDto, toTurnDto } from './dto.ts';
import type { TurnOutcome } from './execute-turn.ts';
import { TurnFailure, type FailureCode } from './failures.ts';
import { startTurn, type StartedTurn } from './start-turn.ts';

export type StartInput = { conversationId?: string; message: string; clientMessageId?: string; newConversationId?: string };

/** Stores the message and opens its turn, or returns the outcome of the copy stored before. */
export async function startOnce(db: Db, input: StartInput, pricing?: Pricing): Promise<{ started: StartedTurn } | { replay: TurnOutcome }> {
  const { clientMessageId } = input;
  if (clientMessageId) {
    const replay = await replayResend(db, input.conversationId, clientMessageId, pricing);
    if (replay) return { replay };
  }
  try {
    const started = await startTurn(db, input);
    if ('notFound' in started) throw conversationNotFound();
    return { started };
  } catch (error) {
    // The turn lock makes this rare (it takes a broken lock session), but the unique index is
    // the last word: the other copy won, so answer with it instead of failing.
    if (!clientMessageId || !isUniqueViolation(error)) throw error;
    const replay = await replayResend(db, input.conversationId, clientMessageId, pricing);
    if (!replay) throw error;
    return { replay };
  }
}

async function replayResend(
  db: Db,
  conversationId: string | undefined,
  clientMessageId: string,
  pricing: Pricing | undefined,
): Promise<TurnOutcome | undefined> {
  const message = await findByClientMessageId(db, clientMessageId, conversationId);
  if (!message) return undefined;
  const turn = await findTurnByUserMessage(db, message.id);
  if (!turn) return undefined;
  if (turn.status === 'failed') {
    throw new TurnFailure(turn.errorCode as FailureCode, turn.errorMessage ?? 'This turn failed.', turn.id);
  }
  const reply = turn.status === 'completed' ? await findReply(db, turn.id) : undefined;
  if (!reply) throw new ChatError('CONFLICT', 'This message is still being answered. Try again in a moment.');
  return { conversationId: turn.conversationId, turn: toTurnDto(turn, pricing), reply: toMessageDto(reply) };
}

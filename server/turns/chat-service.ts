// The chat use cases: send, retry and reset, each serialized per conversation.
import { findConversation, resetMemory } from '../../db/queries/conversations.ts';
import { findByClientMessageId, findMessage, findReply } from '../../db/queries/messages.ts';
import { findTurn, findTurnByUserMessage, reopenTurn } from '../../db/queries/turns.ts';
import { ChatError } from './chat-errors.ts';
import type { ConversationLock } from './conversation-lock.ts';
import { toMessageDto, toTurnDto } from './dto.ts';
import type { TurnEventSink } from './events.ts';
import { executeTurn, type TurnDeps, type TurnOutcome } from './execute-turn.ts';
import { TurnFailure, type FailureCode } from './failures.ts';
import { startTurn } from './start-turn.ts';

export type ChatDeps = TurnDeps & { lock: ConversationLock };

export type SendInput = { conversationId?: string; message: string; clientMessageId?: string };

const noEvents: TurnEventSink = () => {};

export async function sendMessage(deps: ChatDeps, input: SendInput, emit = noEvents): Promise<TurnOutcome> {
  const send = async () => {
    if (input.clientMessageId) {
      const replay = await replayResend(deps, input.conversationId, input.clientMessageId);
      if (replay) return replay;
    }
    const started = await startTurn(deps.db, input);
    if ('notFound' in started) throw conversationNotFound();
    return executeTurn(deps, started, emit);
  };
  return input.conversationId ? deps.lock.run(input.conversationId, send) : send();
}

/** A resend of a stored message answers with the original turn instead of storing it twice. */
async function replayResend(
  deps: ChatDeps,
  conversationId: string | undefined,
  clientMessageId: string,
): Promise<TurnOutcome | undefined> {
  const message = await findByClientMessageId(deps.db, clientMessageId, conversationId);
  if (!message) return undefined;
  const turn = await findTurnByUserMessage(deps.db, message.id);
  if (!turn) return undefined;
  if (turn.status === 'failed') {
    throw new TurnFailure(turn.errorCode as FailureCode, turn.errorMessage ?? 'This turn failed.', turn.id);
  }
  const reply = turn.status === 'completed' ? await findReply(deps.db, turn.id) : undefined;
  if (!reply) throw new ChatError('CONFLICT', 'This message is still being answered. Try again in a moment.');
  return { conversationId: turn.conversationId, turn: toTurnDto(turn), reply: toMessageDto(reply) };
}

export async function retryTurn(deps: ChatDeps, turnId: string, emit = noEvents): Promise<TurnOutcome> {
  const turn = await findTurn(deps.db, turnId);
  if (!turn) throw new ChatError('NOT_FOUND', 'No turn has this id. It may belong to a deleted conversation.');
  return deps.lock.run(turn.conversationId, async () => {
    const reopened = await reopenTurn(deps.db, turnId);
    if (!reopened) {
      throw new ChatError('CONFLICT', 'Only a failed turn can be retried, and this one has not failed.');
    }
    const conversation = await findConversation(deps.db, reopened.conversationId);
    const userMessage = await findMessage(deps.db, reopened.userMessageId);
    if (!conversation || !userMessage) throw conversationNotFound();
    return executeTurn(deps, { conversation, userMessage, turn: reopened }, emit);
  });
}

export async function resetConversation(deps: ChatDeps, conversationId: string): Promise<{ memoryFrom: Date }> {
  return deps.lock.run(conversationId, async () => {
    const conversation = await findConversation(deps.db, conversationId);
    if (!conversation) throw conversationNotFound();
    return { memoryFrom: await resetMemory(deps.db, conversationId) };
  });
}

function conversationNotFound(): ChatError {
  return new ChatError('NOT_FOUND', 'No conversation has this id. Start a new one by sending without a conversationId.');
}

// The chat use cases: send, retry and reset, each holding the conversation's turn lock.
import { randomUUID } from 'node:crypto';
import { findConversation, resetMemory } from '../../db/queries/conversations.ts';
import { findMessage } from '../../db/queries/messages.ts';
import { findTurn, reopenTurn } from '../../db/queries/turns.ts';
import { ChatError, conversationNotFound } from './chat-errors.ts';
import type { TurnEventSink } from './events.ts';
import { executeTurn, type TurnDeps, type TurnOutcome } from './execute-turn.ts';
import { startOnce } from './idempotency.ts';
import { settleInterruptedTurns } from './interrupted-turns.ts';
import type { StartedTurn } from './start-turn.ts';
import { logTurn, type TurnLogger } from './turn-log.ts';
import { clientMessageKey, conversationKey, type TurnLock } from './turn-lock.ts';

export type ChatDeps = TurnDeps & { lock: TurnLock; logger?: TurnLogger };

export type SendInput = { conversationId?: string; message: string; clientMessageId?: string };

const noEvents: TurnEventSink = () => {};

export async function sendMessage(deps: ChatDeps, input: SendInput, emit = noEvents): Promise<TurnOutcome> {
  // A new conversation's id is chosen here so its lock is held before the row exists.
  const conversationId = input.conversationId ?? randomUUID();
  const keys =
    !input.conversationId && input.clientMessageId
      ? [clientMessageKey(input.clientMessageId), conversationKey(conversationId)]
      : [conversationKey(conversationId)];
  return deps.lock.run(keys, async () => {
    if (input.conversationId) await settleInterruptedTurns(deps.db, input.conversationId);
    const start = await startOnce(deps.db, { ...input, newConversationId: conversationId }, deps.pricing);
    if ('replay' in start) return start.replay;
    return runTurn(deps, start.started, emit);
  });
}

export async function retryTurn(deps: ChatDeps, turnId: string, emit = noEvents): Promise<TurnOutcome> {
  const turn = await findTurn(deps.db, turnId);
  if (!turn) throw new ChatError('NOT_FOUND', 'No turn has this id. It may belong to a deleted conversation.');
  return deps.lock.run([conversationKey(turn.conversationId)], async () => {
    await settleInterruptedTurns(deps.db, turn.conversationId);
    const reopened = await reopenTurn(deps.db, turnId);
    if (!reopened) {
      throw new ChatError('CONFLICT', 'Only a failed turn can be retried, and this one has not failed.');
    }
    const conversation = await findConversation(deps.db, reopened.conversationId);
    const userMessage = await findMessage(deps.db, reopened.userMessageId);
    if (!conversation || !userMessage) throw conversationNotFound();
    return runTurn(deps, { conversation, userMessage, turn: reopened }, emit);
  });
}

export async function resetConversation(deps: ChatDeps, conversationId: string): Promise<{ memoryFrom: Date }> {
  return deps.lock.run([conversationKey(conversationId)], async () => {
    const conversation = await findConversation(deps.db, conversationId);
    if (!conversation) throw conversationNotFound();
    return { memoryFrom: await resetMemory(deps.db, conversationId) };
  });
}

function runTurn(deps: ChatDeps, started: StartedTurn, emit: TurnEventSink): Promise<TurnOutcome> {
  return logTurn(deps.logger, deps.db, started.turn, () => executeTurn(deps, started, emit));
}

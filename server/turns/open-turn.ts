// Step 1 of a turn, under its conversation's lock: store the message and open the turn (or
// reopen a failed one for a retry), or find that this message was answered before.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { findConversation } from '../../db/queries/conversations.ts';
import { findMessage } from '../../db/queries/messages.ts';
import { findTurn, reopenTurn } from '../../db/queries/turns.ts';
import type { TurnRow } from '../../db/schema.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { DomainError } from '../errors.ts';
import { clientMessageKey, conversationKey, type LockHandle, type TurnLock } from '../locks/turn-lock.ts';
import type { ReadAhead, ReadAheadOf } from '../memory/memory.ts';
import { type Decision, decideAndResume } from './decide-approval.ts';
import type { TurnCancelled, TurnDone } from './events.ts';
import { startOnce } from './idempotency.ts';
import { settleInterruptedTurns } from './interrupted-turns.ts';
import type { StartedTurn } from './start-turn.ts';

/** `expert`: that expert answers and the Orchestrator does not route (a routine that names one). */
export type TurnRequest = (
  | { kind: 'send'; conversationId?: string; businessId?: string; message: string; clientMessageId?: string }
  | { kind: 'retry'; turnId: string }
  | ({ kind: 'approve' } & Decision)
) & { expert?: ExpertName };

/**
 * An opened turn holds its conversation's lock until the caller releases it. `ahead`: the reads
 * started alongside the opening of a sent message (a retry reads after its reopening).
 */
export type OpenedTurn =
  | { kind: 'opened'; started: StartedTurn; lock: LockHandle; ahead?: ReadAhead; resume?: { runState: string } }
  | { kind: 'replay'; done: TurnDone | TurnCancelled }
  /** A decision was recorded and other calls of the turn still wait for theirs. */
  | { kind: 'waiting'; turn: TurnRow };

type OpenDeps = {
  db: Db;
  lock: TurnLock;
  tokensOf: (text: string) => number;
  /** Started once the lock is held, so the turn's memory is read while its opening is written. */
  readAhead?: (of: ReadAheadOf) => ReadAhead;
};

export async function openTurn(deps: OpenDeps, request: TurnRequest): Promise<OpenedTurn> {
  if (request.kind === 'retry') return reopen(deps, request.turnId);
  if (request.kind === 'approve') return resume(deps, request);
  // A new conversation's id is chosen here so its lock is held before the row exists.
  const newConversationId = randomUUID();
  const keys = request.conversationId
    ? [conversationKey(request.conversationId)]
    : [...(request.clientMessageId ? [clientMessageKey(request.clientMessageId)] : []), conversationKey(newConversationId)];
  return holding(deps.lock, keys, async (lock) => {
    // The opening goes out first: it takes longest (it waits for its commit), the reads beside it.
    const starting = startOnce(deps.db, { ...request, newConversationId, tokens: deps.tokensOf(request.message) });
    const ahead = deps.readAhead?.(
      request.conversationId
        ? { conversationId: request.conversationId }
        : { conversationId: newConversationId, created: true, businessId: request.businessId },
    );
    const start = await starting;
    if ('replay' in start) {
      await lock.release();
      return { kind: 'replay', done: start.replay };
    }
    return { kind: 'opened', started: start.started, lock, ahead };
  });
}

async function reopen(deps: OpenDeps, turnId: string): Promise<OpenedTurn> {
  const turn = await findTurn(deps.db, turnId);
  if (!turn) throw new DomainError('TURN_NOT_FOUND');
  return holding(deps.lock, [conversationKey(turn.conversationId)], async (lock) => {
    await settleInterruptedTurns(deps.db, turn.conversationId);
    const reopened = await reopenTurn(deps.db, turnId);
    if (!reopened) throw new DomainError('TURN_NOT_RETRYABLE');
    const conversation = await findConversation(deps.db, reopened.conversationId);
    const userMessage = await findMessage(deps.db, reopened.userMessageId);
    if (!conversation || !userMessage) throw new DomainError('CONVERSATION_NOT_FOUND');
    return { kind: 'opened', started: { conversation, userMessage, turn: reopened }, lock };
  });
}

async function resume(deps: OpenDeps, decision: Decision): Promise<OpenedTurn> {
  const turn = await findTurn(deps.db, decision.turnId);
  if (!turn) throw new DomainError('TURN_NOT_FOUND');
  return holding(deps.lock, [conversationKey(turn.conversationId)], async (lock) => {
    const decided = await decideAndResume(deps.db, decision);
    if (decided.kind === 'waiting') {
      await lock.release();
      return decided;
    }
    const conversation = await findConversation(deps.db, decided.turn.conversationId);
    const userMessage = await findMessage(deps.db, decided.turn.userMessageId);
    if (!conversation || !userMessage) throw new DomainError('CONVERSATION_NOT_FOUND');
    return {
      kind: 'opened',
      started: { conversation, userMessage, turn: decided.turn },
      lock,
      resume: { runState: decided.runState },
    };
  });
}

/** Takes the lock for `open`; it stays held when `open` succeeds and is released when it throws. */
async function holding(lock: TurnLock, keys: string[], open: (held: LockHandle) => Promise<OpenedTurn>): Promise<OpenedTurn> {
  const held = await lock.acquire(keys);
  try {
    return await open(held);
  } catch (error) {
    await held.release();
    throw error;
  }
}

// Turns as SSE subscriptions. chat.stream starts a turn detached from its caller and follows it
// like any watcher, so the turn runs to its end whoever leaves, and a reload sees what the starter
// sees. chat.watch follows a turn by id, with event ids so a reconnect resumes where it left off.
import { TRPCError, tracked } from '@trpc/server';
import { findTurn } from '../../db/queries/turns.ts';
import { DomainError } from '../errors.ts';
import { WatcherLagged } from '../live/event-log.ts';
import { isFinal, type TurnEvent } from '../turns/events.ts';
import type { TurnRequest } from '../turns/open-turn.ts';
import { runTurn, type TurnDeps } from '../turns/run-turn.ts';
import { type TurnEventDto, toEventDto } from './dto.ts';
import { toTrpcError, turnIdOf } from './to-trpc-error.ts';

export async function* streamTurn(deps: TurnDeps, request: TurnRequest, signal?: AbortSignal): AsyncGenerator<TurnEventDto> {
  // A retry's stream reconnecting while its turn runs: follow that run rather than ask for another.
  if (request.kind === 'retry' && (await findTurn(deps.db, request.turnId))?.status === 'running') {
    for await (const { event } of followTurn(deps, request.turnId, 0, signal)) yield event;
    return;
  }
  const turn = runTurn(deps, request);
  let first: IteratorResult<TurnEvent, void>;
  try {
    first = await turn.next();
  } catch (error) {
    // A resend of a message whose turn is running (a reconnect): follow that turn from its start.
    if (error instanceof DomainError && error.code === 'TURN_IN_PROGRESS' && error.turnId) {
      for await (const { event } of followTurn(deps, error.turnId, 0, signal)) yield event;
      return;
    }
    yield errorEvent(error);
    return;
  }
  if (first.done) return;
  if (first.value.type !== 'turn') {
    // Answered before (the same clientMessageId): its outcome at once.
    yield toEventDto(first.value, deps.pricing);
    return;
  }
  void drain(turn);
  for await (const { event } of followTurn(deps, first.value.turn.id, 0, signal)) yield event;
}

/** chat.watch: tracked, so an EventSource reconnect sends the last seq it got. */
export async function* watchTurnEvents(
  deps: TurnDeps,
  turnId: string,
  lastEventId: string | null | undefined,
  signal?: AbortSignal,
) {
  const after = /^\d{1,9}$/.test(lastEventId ?? '') ? Number(lastEventId) : 0;
  for await (const { seq, event } of followTurn(deps, turnId, after, signal)) yield tracked(String(seq), event);
}

async function* followTurn(
  deps: TurnDeps,
  turnId: string,
  after: number,
  signal?: AbortSignal,
): AsyncGenerator<{ seq: number; event: TurnEventDto }> {
  let last = after;
  try {
    let ended = false;
    for await (const { seq, event } of deps.live.watch(turnId, after, signal)) {
      last = seq;
      ended = isFinal(event);
      yield { seq, event: toEventDto(event, deps.pricing) };
    }
    // A turn whose producer stopped without a final event (its process lost the database mid-write):
    // the stream still ends with an outcome, so no client is left with a reply that never finishes.
    if (!ended && !signal?.aborted) yield { seq: last + 1, event: errorEvent(new DomainError('INTERRUPTED', { turnId })) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'TURN_NOT_FOUND') throw error;
    const failure = error instanceof WatcherLagged ? new DomainError('WATCHER_TOO_SLOW', { turnId, cause: error }) : error;
    yield { seq: last + 1, event: errorEvent(failure) };
  }
}

async function drain(turn: AsyncGenerator<TurnEvent, void>): Promise<void> {
  try {
    while (!(await turn.next()).done);
  } catch {
    // The turn records its own failure, and its watchers get it as their last event.
  }
}

function errorEvent(error: unknown): TurnEventDto {
  const mapped = toTrpcError(error);
  if (!(mapped instanceof TRPCError)) {
    return { type: 'error', code: 'INTERNAL_SERVER_ERROR', message: 'The turn failed unexpectedly.', turnId: null };
  }
  return { type: 'error', code: mapped.code, message: mapped.message, turnId: turnIdOf(mapped) };
}

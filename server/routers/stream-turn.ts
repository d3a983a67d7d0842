// A turn as an SSE subscription. The turn runs to the end even when the client leaves: what it
// produced is stored and shows up in history.
import { TRPCError } from '@trpc/server';
import type { Pricing } from '../cost/pricing.ts';
import type { TurnEvent } from '../turns/events.ts';
import { toEventDto, type TurnEventDto } from './dto.ts';
import { toTrpcError, turnIdOf } from './to-trpc-error.ts';

export async function* streamTurn(turn: AsyncGenerator<TurnEvent, void>, pricing: Pricing): AsyncGenerator<TurnEventDto> {
  let finished = false;
  try {
    for (;;) {
      const next = await turn.next();
      if (next.done) break;
      yield toEventDto(next.value, pricing);
    }
    finished = true;
  } catch (error) {
    finished = true;
    yield errorEvent(error);
  } finally {
    // The client left mid-turn (tRPC returned this generator): let the turn finish on its own.
    if (!finished) void drain(turn);
  }
}

async function drain(turn: AsyncGenerator<TurnEvent, void>): Promise<void> {
  try {
    while (!(await turn.next()).done);
  } catch {
    // The turn records its own failure; nobody is listening for it any more.
  }
}

function errorEvent(error: unknown): TurnEventDto {
  const mapped = toTrpcError(error);
  if (!(mapped instanceof TRPCError)) {
    return { type: 'error', code: 'INTERNAL_SERVER_ERROR', message: 'The turn failed unexpectedly.', turnId: null };
  }
  return { type: 'error', code: mapped.code, message: mapped.message, turnId: turnIdOf(mapped) };
}

// Maps domain failures to the API's typed errors, keeping the cause for the formatter.
import { TRPCError } from '@trpc/server';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { ChatError } from '../turns/chat-errors.ts';
import { TurnFailure } from '../turns/failures.ts';

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database is not reachable right now, so nothing could be read or saved. Try again in a moment.';

export function toTrpcError(error: unknown): unknown {
  if (error instanceof ChatError) return new TRPCError({ code: error.kind, message: error.message, cause: error });
  if (error instanceof TurnFailure) {
    const code = error.code === 'MODEL_NOT_CONFIGURED' ? 'PRECONDITION_FAILED' : 'BAD_GATEWAY';
    return new TRPCError({ code, message: error.message, cause: error });
  }
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause: error });
  }
  return error;
}

// Turns any failure during a turn into a stored code and a sentence a person can act on.
import { MaxTurnsExceededError, ModelBehaviorError, ModelTimeoutError, ToolCallError } from '@openai/agents';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { isDatabaseUnavailable } from '../../db/errors.ts';
import { DomainError, type ErrorCode, RETRY_HINT } from '../errors.ts';
import { LockLostError } from '../locks/turn-lock.ts';

export function describeFailure(error: unknown, turnId: string): DomainError {
  const fail = (code: ErrorCode, message?: string) => new DomainError(code, { turnId, cause: error, message });
  if (error instanceof DomainError) return error.turnId ? error : fail(error.code, error.message);
  if (error instanceof LockLostError) return fail('LOCK_LOST');
  if (error instanceof APIConnectionTimeoutError || error instanceof ModelTimeoutError) return fail('MODEL_TIMEOUT');
  if (error instanceof APIConnectionError) return fail('MODEL_UNAVAILABLE');
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    if (status === 429 || status >= 500) {
      return fail('MODEL_UNAVAILABLE', `The model service is busy or failing (HTTP ${status}). ${RETRY_HINT}`);
    }
    return fail(
      'MODEL_REJECTED',
      `The model service refused the request (HTTP ${status}): check the model name and API key. ${RETRY_HINT}`,
    );
  }
  if (isBrokenStream(error)) return fail('MODEL_UNAVAILABLE', `The connection to the model broke off mid-answer. ${RETRY_HINT}`);
  // The OpenAI client throws a SyntaxError for a streamed chunk that is not JSON.
  if (error instanceof SyntaxError)
    return fail('MODEL_BEHAVIOR', `The model service sent a reply that could not be read. ${RETRY_HINT}`);
  if (error instanceof MaxTurnsExceededError || error instanceof ModelBehaviorError) return fail('MODEL_BEHAVIOR');
  if (error instanceof ToolCallError) return fail('TOOL_FAILED');
  if (isDatabaseUnavailable(error)) return fail('DATABASE_UNAVAILABLE');
  return fail('INTERNAL');
}

/** Node's fetch reports a response body cut off by the server as TypeError('terminated'). */
function isBrokenStream(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'terminated';
}

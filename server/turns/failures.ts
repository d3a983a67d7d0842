// Turns any failure during a turn into a stored code and a sentence a person can act on.
import { MaxTurnsExceededError, ModelBehaviorError, ModelTimeoutError, ToolCallError } from '@openai/agents';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

export type FailureCode =
  | 'MODEL_NOT_CONFIGURED'
  | 'MODEL_TIMEOUT'
  | 'MODEL_UNAVAILABLE'
  | 'MODEL_REJECTED'
  | 'MODEL_BEHAVIOR'
  | 'TOOL_FAILED'
  | 'EMPTY_REPLY'
  | 'INTERRUPTED'
  | 'INTERNAL';

export class TurnFailure extends Error {
  readonly code: FailureCode;
  readonly turnId: string;

  constructor(code: FailureCode, message: string, turnId: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.turnId = turnId;
    this.name = 'TurnFailure';
  }
}

const RETRY_HINT = 'Your message is saved: retry the turn when ready.';

export function describeFailure(error: unknown): { code: FailureCode; message: string } {
  if (error instanceof APIConnectionTimeoutError || error instanceof ModelTimeoutError) {
    return { code: 'MODEL_TIMEOUT', message: `The model took too long to answer. ${RETRY_HINT}` };
  }
  if (error instanceof APIConnectionError) {
    return { code: 'MODEL_UNAVAILABLE', message: `The model service could not be reached. ${RETRY_HINT}` };
  }
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    if (status === 429 || status >= 500) {
      return {
        code: 'MODEL_UNAVAILABLE',
        message: `The model service is busy or failing (HTTP ${status}). ${RETRY_HINT}`,
      };
    }
    return {
      code: 'MODEL_REJECTED',
      message: `The model service refused the request (HTTP ${status}): check the model name and API key. ${RETRY_HINT}`,
    };
  }
  if (isBrokenStream(error)) {
    return { code: 'MODEL_UNAVAILABLE', message: `The connection to the model broke off mid-answer. ${RETRY_HINT}` };
  }
  if (error instanceof SyntaxError) {
    // The OpenAI client throws this for a streamed chunk that is not JSON.
    return { code: 'MODEL_BEHAVIOR', message: `The model service sent a reply that could not be read. ${RETRY_HINT}` };
  }
  if (error instanceof MaxTurnsExceededError || error instanceof ModelBehaviorError) {
    return { code: 'MODEL_BEHAVIOR', message: `The model did not produce a usable answer. ${RETRY_HINT}` };
  }
  if (error instanceof ToolCallError) {
    return { code: 'TOOL_FAILED', message: `A tool the agent used failed. ${RETRY_HINT}` };
  }
  return { code: 'INTERNAL', message: `The turn failed unexpectedly. ${RETRY_HINT}` };
}

/** Node's fetch reports a response body cut off by the server as TypeError('terminated'). */
function isBrokenStream(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'terminated';
}

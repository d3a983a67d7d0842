// The one error vocabulary: every failure the product names has a code here, with the tRPC code
// (and so the HTTP status) it is answered with and a sentence for the person who sees it.
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

export const RETRY_HINT = 'Your message is saved: retry the turn when ready.';

export const ERRORS = {
  CONVERSATION_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'No conversation has this id. Start a new one by sending without a conversationId.',
  },
  CONVERSATION_BUSY: {
    trpc: 'CONFLICT',
    message: 'A reply is still being written in this conversation. Delete it once the reply is done.',
  },
  BUSINESS_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'No business has this id. businesses.list shows the ones there are.' },
  BUSINESS_MISMATCH: {
    trpc: 'BAD_REQUEST',
    message: 'This conversation belongs to another business: send without businessId, or start a new conversation.',
  },
  FACT_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'No current fact has this id: it may have been forgotten. profile.get shows the facts there are.',
  },
  PROPOSAL_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'No proposed change has this id. profile.get shows the proposals waiting for you.',
  },
  PROPOSAL_DECIDED: {
    trpc: 'CONFLICT',
    message: 'This proposed change was already accepted or dismissed; profile.get shows the fact as it is now.',
  },
  TURN_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'No turn has this id. It may belong to a deleted conversation.' },
  TURN_NOT_RETRYABLE: { trpc: 'CONFLICT', message: 'Only a failed or stopped turn can be retried, and this one is neither.' },
  TURN_NOT_RUNNING: { trpc: 'CONFLICT', message: 'This turn is not running any more, so there is nothing to stop.' },
  TURN_STILL_RUNNING: {
    trpc: 'TIMEOUT',
    message: 'The turn was asked to stop but has not stopped yet. It will stop on its own; check it again in a moment.',
  },
  TURN_CANCELLED: {
    trpc: 'CLIENT_CLOSED_REQUEST',
    message: 'The turn was stopped before any reply was written. Retry it to get an answer.',
  },
  WATCHER_TOO_SLOW: {
    trpc: 'TOO_MANY_REQUESTS',
    message: 'This connection fell too far behind the reply and was closed. Open the conversation again to catch up.',
  },
  APPROVAL_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'This turn has no call waiting with this id. chat.history (or switchboard approvals) shows the calls that wait.',
  },
  APPROVAL_DECIDED: {
    trpc: 'CONFLICT',
    message: 'This call was already decided (the first decision counts), or its turn is no longer waiting for one.',
  },
  CONNECTION_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'No connection has this id. connections.list shows the ones there are.' },
  CONNECTION_FROM_CONFIG: {
    trpc: 'BAD_REQUEST',
    message: 'This connection comes from the SWITCHBOARD_MCP_CONFIG file: change or remove it there, then restart.',
  },
  CONNECTION_NAME_TAKEN: { trpc: 'CONFLICT', message: 'name: another connection of this business already has this name.' },
  TURN_IN_PROGRESS: { trpc: 'CONFLICT', message: 'This message is still being answered. Try again in a moment.' },
  TURN_NOT_FLAGGABLE: { trpc: 'CONFLICT', message: 'Only an answered turn can be flagged; this one is still running or failed.' },
  FLAG_ALREADY_ANSWERED: {
    trpc: 'BAD_REQUEST',
    message: 'expected: that expert already answered this turn; pick the expert that should have.',
  },
  FILE_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'No file has this id. It may have been deleted; files.list shows the files there are.',
  },
  DOCUMENT_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'No document of this business has this id. documents.list shows the ones there are.',
  },
  DOCUMENT_VERSION_NOT_FOUND: {
    trpc: 'NOT_FOUND',
    message: 'This document has no such version. documents.get lists its versions.',
  },
  DOCUMENT_STALE: {
    trpc: 'CONFLICT',
    message:
      'This document changed since you opened it: a newer version was saved. Nothing was overwritten; start again from the newer version (its number is in error.data.version).',
  },
  // Bad content or title: the message names what is wrong; nothing is stored.
  DOCUMENT_INVALID: { trpc: 'BAD_REQUEST', message: 'This document cannot be saved as it is.' },
  DOCUMENT_NOT_A_TABLE: {
    trpc: 'BAD_REQUEST',
    message: 'format: only a table can be exported as CSV; export this document as markdown.',
  },
  ROUTINE_NOT_FOUND: { trpc: 'NOT_FOUND', message: 'No routine has this id. routines.list shows the routines there are.' },
  BAD_CURSOR: { trpc: 'BAD_REQUEST', message: 'cursor: is not a cursor returned by this list; start again without one.' },
  UNAUTHORIZED: {
    trpc: 'UNAUTHORIZED',
    message:
      'This Switchboard needs an access token: send it as "Authorization: Bearer <token>" (subscriptions: as the connection parameter "token").',
  },
  DATABASE_UNAVAILABLE: {
    trpc: 'SERVICE_UNAVAILABLE',
    message: 'The database is not reachable right now, so nothing could be read or saved. Try again in a moment.',
  },
  // Turn failures: stored with the turn as its error code, answered with the turn's id.
  MODEL_NOT_CONFIGURED: {
    trpc: 'PRECONDITION_FAILED',
    message:
      'No model is configured. Set OPENAI_API_KEY (OpenAI), or OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama or vLLM, then restart Switchboard and retry.',
  },
  MODEL_TIMEOUT: { trpc: 'BAD_GATEWAY', message: `The model took too long to answer. ${RETRY_HINT}` },
  MODEL_UNAVAILABLE: { trpc: 'BAD_GATEWAY', message: `The model service could not be reached. ${RETRY_HINT}` },
  MODEL_REJECTED: {
    trpc: 'BAD_GATEWAY',
    message: `The model service refused the request: check the model name and API key. ${RETRY_HINT}`,
  },
  MODEL_BEHAVIOR: { trpc: 'BAD_GATEWAY', message: `The model did not produce a usable answer. ${RETRY_HINT}` },
  ROUTING_FAILED: {
    trpc: 'BAD_GATEWAY',
    message:
      'The Orchestrator could not hand your message to an expert: the model server most likely does not support tool calls or tool_choice. Use a model with tool calling (for vLLM, start it with --enable-auto-tool-choice; with Ollama or LM Studio, a larger model), then retry the turn. Your message is saved.',
  },
  TOOL_FAILED: { trpc: 'BAD_GATEWAY', message: `A tool the agent used failed. ${RETRY_HINT}` },
  EMPTY_REPLY: { trpc: 'BAD_GATEWAY', message: `The model returned an empty answer. ${RETRY_HINT}` },
  INTERRUPTED: {
    trpc: 'BAD_GATEWAY',
    message: 'This turn was cut off before it finished (the server stopped or lost its database). Retry it to get an answer.',
  },
  LOCK_LOST: {
    trpc: 'BAD_GATEWAY',
    message: `The connection to the database dropped while this turn was running, so it was stopped before its answer was saved. ${RETRY_HINT}`,
  },
  // A turn that failed for a reason nobody named is still a failed upstream call to retry.
  INTERNAL: { trpc: 'BAD_GATEWAY', message: `The turn failed unexpectedly. ${RETRY_HINT}` },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A failure the product names. `turnId` tells a client which turn to retry. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly turnId: string | undefined;
  /** What a client needs to act on the failure, sent as error.data (a stale edit: the newer version). */
  readonly data: { version?: number };

  constructor(
    code: ErrorCode,
    options: { message?: string; turnId?: string; data?: { version?: number }; cause?: unknown } = {},
  ) {
    super(options.message ?? ERRORS[code].message, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.turnId = options.turnId;
    this.data = options.data ?? {};
  }
}

export function isErrorCode(value: string | null): value is ErrorCode {
  return value !== null && Object.hasOwn(ERRORS, value);
}

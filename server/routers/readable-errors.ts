// tRPC's own errors (malformed JSON, wrong method, unknown procedure, oversized batch) and any
// failure nothing mapped, rewritten as sentences for a person. Nothing a driver, V8 or SQL wrote
// reaches a client: unmapped errors get a generic sentence and the request id of their log line.
import type { TRPCError } from '@trpc/server';
import { MAX_BATCH_SIZE } from '../http/limits.ts';

const TRPC_MESSAGES: { test: (error: TRPCError) => boolean; message: (error: TRPCError) => string }[] = [
  {
    test: (e) => e.code === 'BAD_REQUEST' && e.cause instanceof SyntaxError,
    message: () => 'The request is not valid JSON: check the input you sent.',
  },
  {
    test: (e) => e.code === 'PARSE_ERROR',
    message: () => 'The connection parameters are not valid: send them as a JSON object of strings.',
  },
  {
    test: (e) => e.message === 'Batch call exceeds maximum size',
    message: () => `A batch may hold at most ${MAX_BATCH_SIZE} calls: send the rest in another request.`,
  },
  {
    test: (e) => e.code === 'BAD_REQUEST' && e.message.startsWith('Cannot batch subscription calls'),
    message: () => 'Subscriptions cannot be batched: open each one on its own.',
  },
  {
    test: (e) => e.code === 'NOT_FOUND' && e.message.startsWith('No procedure found on path'),
    message: () => 'There is no such procedure. The README lists the API.',
  },
  {
    test: (e) => e.code === 'METHOD_NOT_SUPPORTED',
    message: () => 'Wrong HTTP method for this procedure: queries and subscriptions use GET, mutations use POST.',
  },
  {
    test: (e) => e.code === 'UNSUPPORTED_MEDIA_TYPE',
    message: () => 'Send the request body as JSON, with "Content-Type: application/json".',
  },
  {
    test: (e) => e.code === 'PAYLOAD_TOO_LARGE',
    message: () => 'The request is too large.',
  },
];

export function readableMessage(error: TRPCError, requestId: string | undefined): string {
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    const reference = requestId ? ` (request ${requestId})` : '';
    return `Something went wrong on the server${reference}. It has been logged; try again, and report it if it keeps happening.`;
  }
  return TRPC_MESSAGES.find((entry) => entry.test(error))?.message(error) ?? error.message;
}

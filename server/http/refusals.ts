// Requests refused before they reach a procedure, answered in tRPC's error shape so every client
// (the typed ones, curl, EventSource) reads them like any other API error.
import type { ServerResponse } from 'node:http';
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { MAX_BODY_BYTES } from './limits.ts';

export type Refusal = { status: number; code: TRPC_ERROR_CODE_KEY; message: string };

export const REFUSALS = {
  malformedUrl: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The address is malformed: it has a broken percent-escape (like %ZZ) or bytes that are not UTF-8 text.',
  },
  notUtf8: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The request body is not valid UTF-8 text. Send JSON encoded as UTF-8.',
  },
  tooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `The request is too large: send at most ${MAX_BODY_BYTES / 1024} KB at once (a message may have up to 16,000 characters).`,
  },
  wrongHost: {
    status: 403,
    code: 'FORBIDDEN',
    message:
      'This server does not answer to that host name. Open it at its own address (such as http://127.0.0.1:3000), or list the name in SWITCHBOARD_ALLOWED_HOSTS.',
  },
  crossSite: {
    status: 403,
    code: 'FORBIDDEN',
    message: 'This request came from another website, so it was refused: Switchboard accepts changes only from its own pages.',
  },
  shuttingDown: {
    status: 503,
    code: 'SERVICE_UNAVAILABLE',
    message: 'Switchboard is shutting down. Try again in a moment.',
  },
} satisfies Record<string, Refusal>;

export function sendRefusal(res: ServerResponse, refusal: Refusal, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(refusal.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extraHeaders });
  res.end(
    JSON.stringify({
      error: {
        message: refusal.message,
        code: TRPC_ERROR_CODES_BY_KEY[refusal.code],
        data: { code: refusal.code, httpStatus: refusal.status, requestId: res.getHeader('x-request-id') },
      },
    }),
  );
}

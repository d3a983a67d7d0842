// Tells a request that never reached the server (or got no answer) from one the server refused.
import { TRPCClientError } from '@trpc/client';

export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return error instanceof TypeError;
  // The server always answers with a code; none means the request or its answer was lost.
  return !error.data?.code;
}

/** Answers that can take long, cut off so nothing waits forever; a timeout reads as a lost connection. */
export const REQUEST_TIMEOUT_MS = 20_000;

export const fetchWithTimeout: typeof fetch = (input, init) => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  return fetch(input, { ...init, signal });
};

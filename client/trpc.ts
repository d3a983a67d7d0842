// The typed tRPC client: queries and mutations batched over HTTP, chat.stream over SSE.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../server/routers/index.ts';
import { noteAuthError, readToken } from './access-token.ts';
import { HEALTH_KEY } from './health-monitor.ts';
import { fetchWithTimeout, isNetworkError } from './network-error.ts';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const API_URL = '/api/trpc';
/** The server's maxBatchSize (server/http/limits.ts): larger batches are split, not refused. */
const MAX_BATCH_SIZE = 10;

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // EventSource cannot send headers, so subscriptions (and only they) carry the token as
        // connectionParams; the server refuses a token in the URL of anything else.
        true: httpSubscriptionLink({
          url: API_URL,
          connectionParams: () => {
            const token = readToken();
            return token ? { token } : null;
          },
        }),
        false: httpBatchLink({
          url: API_URL,
          maxItems: MAX_BATCH_SIZE,
          fetch: fetchWithTimeout,
          headers: () => {
            const token = readToken();
            return token ? { Authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}

/** Client errors (4xx) will not fix themselves: retrying them only delays the message. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined)?.httpStatus : undefined;
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < 2;
}

/** `onLostRequest`: a query or mutation got no answer (the health check's own failures excepted). */
export function createQueryClient(onLostRequest: () => void): QueryClient {
  const onError = (error: unknown, query?: { queryKey: readonly unknown[] }) => {
    noteAuthError(error);
    if (isNetworkError(error) && query?.queryKey[0] !== HEALTH_KEY[0]) onLostRequest();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError: (error) => onError(error) }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 5_000, refetchOnWindowFocus: false },
    },
  });
}

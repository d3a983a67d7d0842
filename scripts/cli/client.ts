// The typed tRPC client the CLI talks through: batched HTTP for queries, SSE for chat.stream.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '../../server/routers/index.ts';

export type Client = ReturnType<typeof createClient>;

/** The server's maxBatchSize (server/http/limits.ts): larger batches are split, not refused. */
const MAX_BATCH_SIZE = 10;

export function createClient(baseUrl: string, token: string | undefined) {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // EventSource cannot send headers, so subscriptions (and only they) carry the token as
        // connectionParams; the server refuses a token in the URL of anything else.
        true: httpSubscriptionLink({ url, EventSource, connectionParams: () => (token ? { token } : {}) }),
        false: httpBatchLink({
          url,
          maxItems: MAX_BATCH_SIZE,
          headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        }),
      }),
    ],
  });
}

// The typed tRPC client the CLI talks through: batched HTTP for queries, SSE for chat.stream.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '../../server/routers/index.ts';

export type Client = ReturnType<typeof createClient>;

export function createClient(baseUrl: string, token: string | undefined) {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // EventSource cannot send headers, so the token travels as tRPC connectionParams.
        true: httpSubscriptionLink({ url, EventSource, connectionParams: () => (token ? { token } : {}) }),
        false: httpBatchLink({ url, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
    ],
  });
}

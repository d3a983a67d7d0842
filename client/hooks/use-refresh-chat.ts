import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../trpc.ts';

/** After a turn settles: the conversation, its memory, the list, the usage, the profile and the files (drawn images) changed. */
export function useRefreshChat() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    async (conversationId: string | null) => {
      await Promise.all([
        conversationId ? queryClient.invalidateQueries(trpc.chat.history.queryFilter({ conversationId })) : null,
        conversationId ? queryClient.invalidateQueries(trpc.chat.memory.queryFilter({ conversationId })) : null,
        queryClient.invalidateQueries(trpc.conversations.list.pathFilter()),
        queryClient.invalidateQueries(trpc.stats.agentUsage.pathFilter()),
        queryClient.invalidateQueries(trpc.files.list.pathFilter()),
        queryClient.invalidateQueries(trpc.profile.get.pathFilter()),
        queryClient.invalidateQueries(trpc.documents.pathFilter()),
      ]);
    },
    [trpc, queryClient],
  );
}

/** When the model usually has a new conversation's title written (server/turns/model-title.ts). */
const TITLE_READS_MS = [2_000, 8_000];

/** A new conversation's title is written after its first reply: the list and header read it again a little later. */
export function useTitleRereads() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (conversationId: string) => {
      for (const ms of TITLE_READS_MS) {
        setTimeout(() => {
          void queryClient.invalidateQueries(trpc.conversations.list.pathFilter());
          void queryClient.invalidateQueries(trpc.chat.history.queryFilter({ conversationId }));
        }, ms);
      }
    },
    [trpc, queryClient],
  );
}

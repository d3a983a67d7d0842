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

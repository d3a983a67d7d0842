// After a stream ended without its outcome, how the turn ended is read from where it is stored:
// the conversation's history, again with backoff while the server (or its database) is away or the
// turn still reads as running (its server could not record the end yet; the sweep will).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { backoffMs } from '../health-monitor.ts';
import { useTRPC } from '../trpc.ts';

/** Gives up after this many reads: by then the banner's own checks have brought history back. */
const MAX_READS = 20;

export function useStoredOutcome() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (conversationId: string, turnId: string, stillFollowed: () => boolean, onSettled: () => void) => {
      const read = async (reads: number) => {
        if (!stillFollowed() || reads >= MAX_READS) return;
        const history = await queryClient
          .fetchQuery({ ...trpc.chat.history.queryOptions({ conversationId }), staleTime: 0 })
          .catch(() => null);
        const turn = history?.turns.find((t) => t.id === turnId);
        if (history && turn?.status !== 'running') return onSettled();
        setTimeout(() => void read(reads + 1), backoffMs(reads + 1));
      };
      void read(0);
    },
    [trpc, queryClient],
  );
}

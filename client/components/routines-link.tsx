// The way to the Routines page from the conversation list, with how many runs nobody has read; and
// the same count on each routine's conversation. One routines.list query serves both.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type MouseEvent, useEffect } from 'react';
import { useBusiness } from '../hooks/use-business.ts';
import { ROUTINES_PATH } from '../hooks/use-route.ts';
import { useTRPC } from '../trpc.ts';

function useRoutines() {
  const trpc = useTRPC();
  const { businessId, settled } = useBusiness();
  return useQuery({ ...trpc.routines.list.queryOptions({ businessId }), enabled: settled, refetchInterval: 30_000 });
}

/** `activeId`: the open conversation; opening a routine's conversation reads its runs. */
export function RoutinesLink({ onOpen, activeId }: { onOpen: () => void; activeId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const routines = useRoutines();
  const unread = (routines.data?.items ?? []).reduce((sum, routine) => sum + routine.unread, 0);
  const isRoutine = routines.data?.items.some((routine) => routine.conversationId === activeId);
  // A run added messages to a routine's conversation: the list shows it moved up.
  useEffect(() => {
    if (unread) void queryClient.invalidateQueries(trpc.conversations.list.pathFilter());
  }, [unread, queryClient, trpc]);
  useEffect(() => {
    if (!isRoutine) return;
    // Once the conversation's history has been read, the count is stale.
    const timer = setTimeout(() => void queryClient.invalidateQueries(trpc.routines.list.pathFilter()), 1_000);
    return () => clearTimeout(timer);
  }, [isRoutine, queryClient, trpc]);
  const open = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen();
  };
  return (
    <a className="routines-link" href={ROUTINES_PATH} onClick={open} data-testid="routines-link">
      Routines
      {unread > 0 && (
        <span className="unread-badge">
          {unread}
          <span className="visually-hidden"> unread runs</span>
        </span>
      )}
    </a>
  );
}

export function UnreadRuns({ conversationId, active }: { conversationId: string; active: boolean }) {
  const routine = useRoutines().data?.items.find((item) => item.conversationId === conversationId);
  if (!routine?.unread || active) return null;
  return (
    <span className="unread-badge" data-testid="conversation-unread">
      {routine.unread}
      <span className="visually-hidden"> unread runs</span>
    </span>
  );
}

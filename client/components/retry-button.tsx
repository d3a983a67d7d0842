// Runs a failed or stopped turn again (chat.retry); the conversation refreshes when it settles.
import { useIsMutating, useMutation } from '@tanstack/react-query';
import { useRefreshChat } from '../hooks/use-refresh-chat.ts';
import { useTRPC } from '../trpc.ts';

export function useRetry(turnId: string, conversationId: string) {
  const trpc = useTRPC();
  const refresh = useRefreshChat();
  const retry = useMutation(trpc.chat.retry.mutationOptions({ onSettled: () => refresh(conversationId) }));
  const anyRunning = useIsMutating({ mutationKey: trpc.chat.retry.mutationKey() }) > 0;
  return { retry, run: () => retry.mutate({ turnId }), disabled: anyRunning };
}

export function RetryButton({
  turnId,
  conversationId,
  className = 'primary',
}: {
  turnId: string;
  conversationId: string;
  className?: string;
}) {
  const { retry, run, disabled } = useRetry(turnId, conversationId);
  return (
    <button type="button" className={className} onClick={run} disabled={disabled}>
      {retry.isPending ? 'Retrying…' : 'Retry'}
    </button>
  );
}

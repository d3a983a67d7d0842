// A failed turn keeps the user's message; Retry runs the same turn again (chat.retry).
import { useIsMutating, useMutation } from '@tanstack/react-query';
import type { Turn } from '../api-types.ts';
import { useRefreshChat } from '../hooks/use-refresh-chat.ts';
import { useTRPC } from '../trpc.ts';

export function FailedTurn({ turn, conversationId }: { turn: Turn; conversationId: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshChat();
  const retry = useMutation(trpc.chat.retry.mutationOptions({ onSettled: () => refresh(conversationId) }));
  const turnRunning = useIsMutating({ mutationKey: trpc.chat.retry.mutationKey() }) > 0;
  return (
    <div className="turn-error" role="alert" data-testid="failed-turn">
      <p>
        <strong>This turn failed.</strong> {turn.error?.message ?? 'The model did not answer.'}
      </p>
      {retry.error && retry.error.data?.code !== 'BAD_GATEWAY' && <p>{retry.error.message}</p>}
      <div className="actions">
        <button type="button" onClick={() => retry.mutate({ turnId: turn.id })} disabled={turnRunning}>
          {retry.isPending ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    </div>
  );
}

// A failed turn keeps the user's message; Retry runs the same turn again (chat.retry).
import { useIsMutating, useMutation } from '@tanstack/react-query';
import type { Turn } from '../api-types.ts';
import { useRefreshChat } from '../hooks/use-refresh-chat.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorNotice } from './error-notice.tsx';

export function FailedTurn({ turn, conversationId }: { turn: Turn; conversationId: string }) {
  const trpc = useTRPC();
  const refresh = useRefreshChat();
  const retry = useMutation(trpc.chat.retry.mutationOptions({ onSettled: () => refresh(conversationId) }));
  const turnRunning = useIsMutating({ mutationKey: trpc.chat.retry.mutationKey() }) > 0;
  const retryError = retry.error && retry.error.data?.code !== 'BAD_GATEWAY' ? retry.error : null;
  const failure = retryError
    ? { code: retryError.data?.code ?? 'NETWORK', message: retryError.message }
    : (turn.error ?? { code: 'INTERNAL', message: 'The model did not answer.' });
  return (
    <ErrorNotice failure={failure} heading="No answer." testId="failed-turn">
      <button type="button" className="primary" onClick={() => retry.mutate({ turnId: turn.id })} disabled={turnRunning}>
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
    </ErrorNotice>
  );
}

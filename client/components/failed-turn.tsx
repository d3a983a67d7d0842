// A failed turn keeps the user's message; Retry runs the same turn again (chat.retry). A turn
// stopped before any text is shown the same way, as stopped.
import type { Turn } from '../api-types.ts';
import { ErrorNotice } from './error-notice.tsx';
import { useRetry } from './retry-button.tsx';

export function FailedTurn({ turn, conversationId }: { turn: Turn; conversationId: string }) {
  const { retry, run, disabled } = useRetry(turn.id, conversationId);
  const retryError = retry.error && retry.error.data?.code !== 'BAD_GATEWAY' ? retry.error : null;
  const stopped = turn.status === 'cancelled';
  const failure = retryError
    ? { code: retryError.data?.code ?? 'NETWORK', message: retryError.message }
    : stopped
      ? { code: 'CANCELLED', message: 'Stopped before the reply began.' }
      : (turn.error ?? { code: 'INTERNAL', message: 'The model did not answer.' });
  return (
    <ErrorNotice failure={failure} heading={stopped ? 'Stopped.' : 'No answer.'} testId="failed-turn">
      <button type="button" className="primary" onClick={run} disabled={disabled}>
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
    </ErrorNotice>
  );
}

// Runs a failed or stopped turn again, streamed like a send (with Stop) by the chat's turn stream.
export type RetryAction = { onRetry: (turnId: string) => void; canRetry: boolean };

export function RetryButton({
  turnId,
  action,
  className = 'primary',
}: {
  turnId: string;
  action: RetryAction;
  className?: string;
}) {
  return (
    <button type="button" className={className} onClick={() => action.onRetry(turnId)} disabled={!action.canRetry}>
      Retry
    </button>
  );
}

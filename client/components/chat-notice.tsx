// Why a conversation cannot be shown, and what to do about it.
import type { TRPCClientErrorLike } from '@trpc/client';
import type { AppRouter } from '../../server/routers/index.ts';
import { isNetworkError } from '../network-error.ts';

type Props = { error: TRPCClientErrorLike<AppRouter>; onNewChat: () => void; onRetry: () => void };

export function ChatNotice({ error, onNewChat, onRetry }: Props) {
  if (error.data?.code === 'NOT_FOUND') {
    return (
      <div className="chat-notice" role="alert">
        <p>This conversation does not exist (it may have been deleted).</p>
        <button type="button" className="primary" onClick={onNewChat}>
          Start a new chat
        </button>
      </div>
    );
  }
  return (
    <div className="chat-notice" role="alert" data-testid="chat-notice">
      <p>
        {isNetworkError(error)
          ? 'Switchboard cannot be reached, so this conversation could not be loaded. It will load by itself once the connection is back.'
          : `Could not load this conversation: ${error.message}`}
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

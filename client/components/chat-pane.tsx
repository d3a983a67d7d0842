// The centre: the conversation's messages, its header actions and the composer.
import { skipToken, useIsMutating, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { buildRows } from '../chat-rows.ts';
import type { LiveTurn } from '../hooks/use-turn-stream.ts';
import { useTRPC } from '../trpc.ts';
import { ChatHeader } from './chat-header.tsx';
import { Composer } from './composer.tsx';
import { EmptyChat } from './empty-chat.tsx';
import { MessageList } from './message-list.tsx';

type Props = {
  conversationId: string | null;
  /** A turn to bring into view (a link from an agent's view). */
  focusTurnId?: string | null;
  live: LiveTurn | null;
  send: (text: string, conversationId: string | null) => void;
  dismiss: () => void;
  onNewChat: () => void;
  onToggleInsights: () => void;
};

export function ChatPane({ conversationId, focusTurnId, live, send, dismiss, onNewChat, onToggleInsights }: Props) {
  const trpc = useTRPC();
  const history = useQuery({
    ...trpc.chat.history.queryOptions(conversationId ? { conversationId } : skipToken),
    // A turn running elsewhere (another tab, or before a reload) shows up when it finishes.
    refetchInterval: (query) => (query.state.data?.turns.some((turn) => turn.status === 'running') ? 2000 : false),
  });
  const retrying = useIsMutating({ mutationKey: trpc.chat.retry.mutationKey() }) > 0;
  const ours = live && live.conversationId === conversationId ? live : null;
  const busy = Boolean(live?.running) || retrying;
  const rows = useMemo(() => buildRows(conversationId ? history.data : undefined, ours), [conversationId, history.data, ours]);
  const onSend = (text: string) => send(text, conversationId);
  const actions = {
    conversationId,
    onResend: () => ours && send(ours.userText, conversationId),
    onDismiss: dismiss,
  };
  const notFound = history.error?.data?.code === 'NOT_FOUND';

  return (
    <main className="chat-pane" aria-label="Chat">
      <ChatHeader
        conversationId={conversationId}
        title={conversationId ? (history.data?.conversation.title ?? (ours ? ours.userText : 'Loading…')) : 'New chat'}
        busy={busy}
        onToggleInsights={onToggleInsights}
      />
      {notFound ? (
        <div className="chat-notice" role="alert">
          <p>This conversation does not exist (it may have been removed).</p>
          <button type="button" onClick={onNewChat}>
            Start a new chat
          </button>
        </div>
      ) : history.error ? (
        <div className="chat-notice" role="alert">
          <p>Could not load this conversation: {history.error.message}</p>
          <button type="button" onClick={() => void history.refetch()}>
            Try again
          </button>
        </div>
      ) : rows.length === 0 && !history.isLoading ? (
        <EmptyChat onPick={busy ? undefined : onSend} />
      ) : (
        <MessageList key={conversationId ?? 'new'} rows={rows} actions={actions} busy={busy} focusTurnId={focusTurnId} />
      )}
      <Composer busy={busy || notFound} onSend={onSend} autoFocusKey={conversationId ?? 'new'} />
    </main>
  );
}

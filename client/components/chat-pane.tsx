// The centre: the conversation's messages, its header actions and the composer.
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import type { History } from '../api-types.ts';
import { buildRows } from '../chat-rows.ts';
import { draftKey, readDraft, writeDraft } from '../drafts.ts';
import { useBusiness } from '../hooks/use-business.ts';
import { useConnection } from '../hooks/use-connection.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import type { LiveTurn } from '../live-turn.ts';
import { useTRPC } from '../trpc.ts';
import { ChatHeader } from './chat-header.tsx';
import { ChatNotice } from './chat-notice.tsx';
import { Composer } from './composer.tsx';
import { EmptyChat } from './empty-chat.tsx';
import { MessageList } from './message-list.tsx';
import { NotFound } from './not-found.tsx';
import { Skeleton } from './skeleton.tsx';

type Props = {
  conversationId: string | null;
  /** A turn to bring into view (a link from an agent's view). */
  focusTurnId?: string | null;
  live: LiveTurn | null;
  send: (text: string, conversationId: string | null, resendKey?: string) => void;
  retry: (turnId: string, conversationId: string, userText: string) => void;
  watch: (turnId: string, conversationId: string, userText: string) => void;
  stop: () => void;
  dismiss: () => void;
  onNewChat: () => void;
  onOpenDrawer: () => void;
  onToggleInsights: () => void;
};

export function ChatPane({
  conversationId,
  focusTurnId,
  live,
  send,
  retry,
  watch,
  stop,
  dismiss,
  onNewChat,
  onOpenDrawer,
  onToggleInsights,
}: Props) {
  const trpc = useTRPC();
  const history = useQuery({
    ...trpc.chat.history.queryOptions(conversationId ? { conversationId } : skipToken),
  });
  // A conversation opened by its link switches the app to its business.
  const { businessId, choose } = useBusiness();
  const ownerBusiness = history.data?.conversation.businessId;
  useEffect(() => {
    if (ownerBusiness && businessId && ownerBusiness !== businessId) choose(ownerBusiness);
  }, [ownerBusiness, businessId, choose]);
  useFollowRunningTurn(conversationId, history.data, live, watch);
  useClearUnsentOnReturn(live, dismiss);
  const ours = live && live.conversationId === conversationId ? live : null;
  const busy = Boolean(live?.running);
  const canStop = Boolean(ours?.running && ours.turnId && !ours.stopping);
  const rows = useMemo(() => buildRows(conversationId ? history.data : undefined, ours), [conversationId, history.data, ours]);
  // The same text sent again after it failed to leave reuses its clientMessageId: never stored twice.
  const unsentKey = (text: string) => (ours && !ours.turnId && ours.error && ours.userText === text ? ours.key : undefined);
  const onSend = (text: string) => send(text, conversationId, unsentKey(text));
  const actions = {
    onResend: () => {
      if (!ours) return;
      const draft = draftKey(conversationId);
      if (readDraft(draft) === ours.userText) writeDraft(draft, '');
      send(ours.userText, conversationId, ours.key);
    },
    onDismiss: dismiss,
    onRetry: (turnId: string) => {
      const asked = history.data?.messages.find((m) => m.turnId === turnId && m.role === 'user');
      if (conversationId) retry(turnId, conversationId, asked?.content ?? ours?.userText ?? '');
    },
    canRetry: !busy,
  };
  const notFound = history.error?.data?.code === 'NOT_FOUND' || history.error?.data?.code === 'BAD_REQUEST';
  const loading = Boolean(conversationId) && history.isLoading && !ours;
  const title = conversationId
    ? (history.data?.conversation.title ?? (ours ? ours.userText : history.isError ? 'Conversation' : null))
    : 'New chat';

  useDocumentTitle(conversationId ? title : null);
  if (notFound && !ours) return <NotFound what="conversation" onBack={onNewChat} onOpenDrawer={onOpenDrawer} />;
  return (
    <main className="chat-pane" id="main" tabIndex={-1} aria-label="Chat">
      <ChatHeader
        conversationId={notFound ? null : conversationId}
        title={title}
        busy={busy}
        onOpenDrawer={onOpenDrawer}
        onNewChat={onNewChat}
        onDeleted={onNewChat}
        onToggleInsights={onToggleInsights}
      />
      {history.error && !(ours && rows.length) ? (
        <ChatNotice error={history.error} onNewChat={onNewChat} onRetry={() => void history.refetch()} />
      ) : loading ? (
        <Skeleton label="Loading the conversation" lines={4} variant="messages" />
      ) : rows.length === 0 ? (
        <EmptyChat onPick={busy ? undefined : onSend} />
      ) : (
        <>
          <h2 className="visually-hidden">Messages</h2>
          <MessageList key={conversationId ?? 'new'} rows={rows} actions={actions} busy={busy} focusTurnId={focusTurnId} />
        </>
      )}
      <Composer
        busy={busy}
        blocked={notFound || loading}
        onSend={onSend}
        onStop={canStop ? stop : undefined}
        conversationId={conversationId}
      />
    </main>
  );
}

/** Back after an outage: a message that was not sent steps aside; its text waits in the box. */
function useClearUnsentOnReturn(live: LiveTurn | null, dismiss: () => void) {
  const { connection } = useConnection();
  const previous = useRef(connection);
  const unsent = Boolean(live?.error && !live.turnId);
  useEffect(() => {
    if (previous.current !== 'online' && connection === 'online' && unsent) dismiss();
    previous.current = connection;
  }, [connection, unsent, dismiss]);
}

/**
 * A turn of this conversation running elsewhere (started before a reload, in another tab or by
 * the CLI) is followed live from what it has produced so far, unless this tab is busy with its own.
 */
function useFollowRunningTurn(
  conversationId: string | null,
  history: History | undefined,
  live: LiveTurn | null,
  watch: Props['watch'],
) {
  const running =
    conversationId && history?.conversation.id === conversationId
      ? history.turns.find((turn) => turn.status === 'running')
      : undefined;
  const userText = running ? (history?.messages.find((m) => m.turnId === running.id && m.role === 'user')?.content ?? '') : '';
  // A send that failed here is on screen (with its text back in the box): following an older turn
  // the history still calls running (the server went away) would replace it.
  const showingFailure = Boolean(live?.error) && live?.conversationId === conversationId;
  const followed = live?.turnId === running?.id || Boolean(live?.running) || showingFailure;
  useEffect(() => {
    if (running && conversationId && !followed) watch(running.id, conversationId, userText);
  }, [running, conversationId, followed, userText, watch]);
}

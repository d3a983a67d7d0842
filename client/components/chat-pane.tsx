// The centre: the conversation's messages, its header actions and the composer.
import { skipToken, useIsMutating, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useBusiness } from '../hooks/use-business.ts';
import { buildRows } from '../chat-rows.ts';
import { draftKey, readDraft, writeDraft } from '../drafts.ts';
import type { LiveTurn } from '../hooks/use-turn-stream.ts';
import { useTRPC } from '../trpc.ts';
import { ChatHeader } from './chat-header.tsx';
import { ChatNotice } from './chat-notice.tsx';
import { Composer } from './composer.tsx';
import { EmptyChat } from './empty-chat.tsx';
import { MessageList } from './message-list.tsx';

type Props = {
  conversationId: string | null;
  /** A turn to bring into view (a link from an agent's view). */
  focusTurnId?: string | null;
  live: LiveTurn | null;
  send: (text: string, conversationId: string | null, resendKey?: string) => void;
  dismiss: () => void;
  onNewChat: () => void;
  onOpenDrawer: () => void;
  onToggleInsights: () => void;
};

export function ChatPane({ conversationId, focusTurnId, live, send, dismiss, onNewChat, onOpenDrawer, onToggleInsights }: Props) {
  const trpc = useTRPC();
  const history = useQuery({
    ...trpc.chat.history.queryOptions(conversationId ? { conversationId } : skipToken),
    // A turn running elsewhere (another tab, or before a reload) shows up when it finishes.
    refetchInterval: (query) => (query.state.data?.turns.some((turn) => turn.status === 'running') ? 2000 : false),
  });
  // A conversation opened by its link switches the app to its business.
  const { businessId, choose } = useBusiness();
  const ownerBusiness = history.data?.conversation.businessId;
  useEffect(() => {
    if (ownerBusiness && businessId && ownerBusiness !== businessId) choose(ownerBusiness);
  }, [ownerBusiness, businessId, choose]);
  const retrying = useIsMutating({ mutationKey: trpc.chat.retry.mutationKey() }) > 0;
  const ours = live && live.conversationId === conversationId ? live : null;
  const busy = Boolean(live?.running) || retrying;
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
  };
  const notFound = history.error?.data?.code === 'NOT_FOUND';
  const title = conversationId
    ? (history.data?.conversation.title ?? (ours ? ours.userText : history.isError ? 'Conversation' : 'Loading…'))
    : 'New chat';

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
      ) : rows.length === 0 && !history.isLoading ? (
        <EmptyChat onPick={busy ? undefined : onSend} />
      ) : (
        <MessageList key={conversationId ?? 'new'} rows={rows} actions={actions} busy={busy} focusTurnId={focusTurnId} />
      )}
      <Composer busy={busy} blocked={notFound} onSend={onSend} conversationId={conversationId} />
    </main>
  );
}

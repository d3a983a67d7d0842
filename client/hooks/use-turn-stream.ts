// One followed turn at a time: a send over chat.stream, a retry over chat.retryStream, or a turn
// running elsewhere (a reload, a second tab) over chat.watch; Stop cancels it wherever it runs.
// A dropped connection is retried by the SSE link (a resend carries the same clientMessageId, so
// the server never stores a message twice); if it stays down, the turn gives up after a while
// instead of spinning. A stream that ends without its outcome (done, failed or cancelled) says the
// connection was lost, and how the turn ended is then read from where it is stored.
import type { Unsubscribable } from '@trpc/server/observable';
import { useCallback, useEffect, useRef, useState } from 'react';
import { noteAuthError } from '../access-token.ts';
import type { TurnEvent } from '../api-types.ts';
import { forgetCutReply, keepCutReply } from '../cut-replies.ts';
import { draftKey, readDraft, writeDraft } from '../drafts.ts';
import { apply, isFinal, type LiveTurn, STARTING } from '../live-turn.ts';
import { newId } from '../new-id.ts';
import { useTRPCClient } from '../trpc.ts';
import { useRefreshChat, useTitleRereads } from './use-refresh-chat.ts';
import { useStoredOutcome } from './use-stored-outcome.ts';

/** How long a turn may wait for the server (first contact, or a reconnect) before it gives up. */
export const GIVE_UP_MS = 15_000;

type Follow =
  | { kind: 'send'; message: string; conversationId: string | null; key: string }
  | { kind: 'retry' | 'watch'; turnId: string; conversationId: string; userText: string };

type Handlers = {
  onConnectionStateChange(state: { state: string; error: unknown }): void;
  onData(event: TurnEvent): void;
  onError(error: { data?: { code?: string } | null; message: string }): void;
  onStopped(): void;
};

/** `businessId`: where a new conversation goes (the server's default business when undefined). */
export function useTurnStream(onNewConversation: (conversationId: string) => void, businessId?: string) {
  const client = useTRPCClient();
  const refresh = useRefreshChat();
  const readOutcome = useStoredOutcome();
  const rereadTitle = useTitleRereads();
  const [live, setLive] = useState<LiveTurn | null>(null);
  const followed = useRef<string | null>(null);
  const subscription = useRef<Unsubscribable | null>(null);
  const watchdog = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => (subscription.current?.unsubscribe(), clearTimeout(watchdog.current)), []);

  const subscribe = useCallback(
    (follow: Follow, handlers: Handlers): Unsubscribable => {
      if (follow.kind !== 'send') {
        const { turnId } = follow;
        return follow.kind === 'watch'
          ? client.chat.watch.subscribe({ turnId }, { ...handlers, onData: ({ data }) => handlers.onData(data) })
          : client.chat.retryStream.subscribe({ turnId }, handlers);
      }
      const { message, conversationId, key } = follow;
      const input = { conversationId: conversationId ?? undefined, businessId: conversationId ? undefined : businessId };
      return client.chat.stream.subscribe({ ...input, message, clientMessageId: key }, handlers);
    },
    [client, businessId],
  );

  const start = useCallback(
    (follow: Follow) => {
      subscription.current?.unsubscribe();
      clearTimeout(watchdog.current);
      watchdog.current = undefined;
      const key = follow.kind === 'send' ? follow.key : `${follow.kind}-${follow.turnId}-${newId()}`;
      followed.current = key;
      let known = follow.conversationId;
      let turnId = follow.kind === 'send' ? null : follow.turnId;
      let over = false;
      let connected = false;
      const userText = follow.kind === 'send' ? follow.message : follow.userText;
      setLive({ ...STARTING, key, conversationId: known, turnId, userText });
      const patch = (change: (current: LiveTurn) => LiveTurn) =>
        setLive((current) => (current?.key === key ? change(current) : current));
      const stillFollowed = () => followed.current === key;
      const clear = () => setLive((current) => (current?.key === key && !current.running ? null : current));
      const end = () => {
        over = true;
        subscription.current?.unsubscribe();
        clearTimeout(watchdog.current);
        watchdog.current = undefined;
      };
      // Once the turn is stored, history shows it: the live copy can go.
      const settle = () => {
        end();
        void refresh(known).then(clear);
        if (follow.kind === 'send' && !follow.conversationId && known) rereadTitle(known);
      };
      /** The turn ended (or may have) without this tab hearing how: its stored state says. */
      const outcomeUnknown = (error: { code: string; message: string }) => {
        end();
        patch((current) => {
          if (current.turnId) keepCutReply(current.turnId, current.path.at(-1)?.agent ?? null, current.text);
          return { ...current, running: false, reconnecting: false, stopping: false, error };
        });
        if (known && turnId) readOutcome(known, turnId, stillFollowed, () => void refresh(known).then(clear));
      };
      const notSent = () => {
        end();
        patch((current) => ({
          ...current,
          running: false,
          reconnecting: false,
          error: { code: 'NETWORK', message: `No answer from Switchboard within ${GIVE_UP_MS / 1000} s.` },
        }));
        if (follow.kind !== 'send') return;
        // Not sent: the text goes back to the composer unless something new was typed there.
        const draft = draftKey(follow.conversationId);
        if (!readDraft(draft).trim()) writeDraft(draft, follow.message);
      };
      const lost = () =>
        turnId
          ? outcomeUnknown({ code: 'LOST', message: 'The connection to Switchboard dropped while the reply was streaming.' })
          : notSent();
      // Each failed reconnect reports again: the first deadline stands, or the wait would never end.
      const arm = () => {
        if (watchdog.current === undefined) watchdog.current = setTimeout(lost, GIVE_UP_MS);
      };
      arm();
      subscription.current = subscribe(follow, {
        onConnectionStateChange(state) {
          // The link reconnects by itself (same input); the watchdog bounds the wait.
          if (state.state === 'connecting' && (state.error || connected)) {
            patch((current) => ({ ...current, reconnecting: true }));
            arm();
          }
          if (state.state === 'pending') {
            connected = true;
            patch((current) => ({ ...current, reconnecting: false }));
            if (turnId) {
              clearTimeout(watchdog.current);
              watchdog.current = undefined;
            }
          }
        },
        onData(event) {
          patch((current) => apply(current, event));
          if (event.type === 'turn') {
            turnId = event.turn.id;
            clearTimeout(watchdog.current);
            watchdog.current = undefined;
            if (!known) {
              known = event.turn.conversationId;
              onNewConversation(known);
              void refresh(known);
            }
          }
          if (event.type === 'error' && (event.turnId || turnId)) {
            turnId ??= event.turnId;
            // Failed: what streamed stays on screen with Retry, and the stored turn follows.
            outcomeUnknown({ code: event.code, message: event.message });
          } else if (event.type === 'error') end();
          else if (isFinal(event)) settle();
        },
        onError(error) {
          noteAuthError(error);
          const code = error.data?.code;
          if (!code) return lost();
          // Refused after the turn was stored (a reconnect found it over): its stored state says how it ended.
          if (turnId) return outcomeUnknown({ code, message: error.message });
          end();
          patch((current) => ({ ...current, running: false, error: { code, message: error.message } }));
        },
        onStopped() {
          if (!over) lost();
        },
      });
    },
    [subscribe, refresh, readOutcome, rereadTitle, onNewConversation],
  );

  const send = useCallback(
    (message: string, conversationId: string | null, resendKey?: string) =>
      start({ kind: 'send', message, conversationId, key: resendKey ?? newId() }),
    [start],
  );
  /** Runs a failed or stopped turn again, streamed like a send. */
  const retry = useCallback(
    (turnId: string, conversationId: string, userText: string) => {
      forgetCutReply(turnId);
      start({ kind: 'retry', turnId, conversationId, userText });
    },
    [start],
  );
  /** Follows a turn this tab did not start, from what it has produced so far. */
  const watch = useCallback(
    (turnId: string, conversationId: string, userText: string) => start({ kind: 'watch', turnId, conversationId, userText }),
    [start],
  );

  const stop = useCallback(() => {
    const turnId = live?.turnId;
    if (!turnId || !live.running) return;
    setLive((current) => (current?.turnId === turnId ? { ...current, stopping: true } : current));
    // The stream ends with `cancelled` (or with `done`, when the answer was quicker than Stop).
    client.chat.cancel.mutate({ turnId }).catch((error: unknown) => {
      noteAuthError(error);
      setLive((current) => (current?.turnId === turnId ? { ...current, stopping: false } : current));
    });
  }, [client, live]);

  const dismiss = useCallback(() => setLive((current) => (current?.running ? current : null)), []);
  return { live, send, retry, watch, stop, dismiss };
}

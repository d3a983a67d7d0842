// One followed turn at a time: a send over chat.stream, or a turn running elsewhere (a reload, a
// second tab) over chat.watch; Stop cancels it wherever it runs.
// A dropped connection is retried by the SSE link with the same clientMessageId (the server never
// stores a message twice); if it stays down, the turn gives up after a while instead of spinning.
import type { Unsubscribable } from '@trpc/server/observable';
import { useCallback, useEffect, useRef, useState } from 'react';
import { noteAuthError } from '../access-token.ts';
import type { TurnEvent } from '../api-types.ts';
import { draftKey, readDraft, writeDraft } from '../drafts.ts';
import { apply, isFinal, type LiveTurn, STARTING } from '../live-turn.ts';
import { newId } from '../new-id.ts';
import { useTRPCClient } from '../trpc.ts';
import { useRefreshChat } from './use-refresh-chat.ts';

/** How long a send may wait for the server (first contact, or a reconnect) before it gives up. */
export const GIVE_UP_MS = 15_000;

/** `businessId`: where a new conversation goes (the server's default business when undefined). */
export function useTurnStream(onNewConversation: (conversationId: string) => void, businessId?: string) {
  const client = useTRPCClient();
  const refresh = useRefreshChat();
  const [live, setLive] = useState<LiveTurn | null>(null);
  const subscription = useRef<Unsubscribable | null>(null);
  const watchdog = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => (subscription.current?.unsubscribe(), clearTimeout(watchdog.current)), []);

  const send = useCallback(
    (message: string, conversationId: string | null, resendKey?: string) => {
      subscription.current?.unsubscribe();
      clearTimeout(watchdog.current);
      watchdog.current = undefined;
      const key = resendKey ?? newId();
      let known = conversationId;
      let stored = false;
      setLive({ ...STARTING, key, conversationId, userText: message });
      const patch = (change: (current: LiveTurn) => LiveTurn) =>
        setLive((current) => (current?.key === key ? change(current) : current));
      const update = (event: TurnEvent) => patch((current) => apply(current, event));
      // Once the turn is stored, history shows it: the live copy can go.
      const settle = () => {
        subscription.current?.unsubscribe();
        disarm();
        void refresh(known).then(() => setLive((current) => (current?.key === key && !current.running ? null : current)));
      };
      const giveUp = (error: { code: string; message: string }) => {
        subscription.current?.unsubscribe();
        disarm();
        patch((current) => ({ ...current, running: false, reconnecting: false, error }));
        if (stored) return;
        // Not sent: the text goes back to the composer unless something new was typed there.
        const draft = draftKey(conversationId);
        if (!readDraft(draft).trim()) writeDraft(draft, message);
      };
      const unreachable = () =>
        giveUp(
          stored
            ? { code: 'LOST', message: 'The connection to Switchboard dropped while the reply was streaming.' }
            : { code: 'NETWORK', message: `No answer from Switchboard within ${GIVE_UP_MS / 1000} s.` },
        );
      // Each failed reconnect reports again: the first deadline stands, or the wait would never end.
      const arm = () => {
        if (watchdog.current === undefined) watchdog.current = setTimeout(unreachable, GIVE_UP_MS);
      };
      const disarm = () => {
        clearTimeout(watchdog.current);
        watchdog.current = undefined;
      };
      arm();
      subscription.current = client.chat.stream.subscribe(
        {
          conversationId: conversationId ?? undefined,
          businessId: conversationId ? undefined : businessId,
          message,
          clientMessageId: key,
        },
        {
          onConnectionStateChange(state) {
            // The link reconnects by itself (same input, same clientMessageId); the watchdog bounds the wait.
            if (state.state === 'connecting' && (state.error || stored)) {
              patch((current) => ({ ...current, reconnecting: true }));
              arm();
            }
            if (state.state === 'pending') {
              patch((current) => ({ ...current, reconnecting: false }));
              if (stored) disarm();
            }
          },
          onData(event) {
            update(event);
            if (event.type === 'turn') {
              stored = true;
              disarm();
            }
            if (event.type === 'turn' && !conversationId) {
              known = event.turn.conversationId;
              onNewConversation(known);
              void refresh(known);
            }
            // A paused turn (approval) is stored too: history shows its pending calls.
            if (isFinal(event) && (event.type !== 'error' || event.turnId || stored)) settle();
            else if (event.type === 'error') subscription.current?.unsubscribe();
          },
          onError(error) {
            noteAuthError(error);
            const code = error.data?.code;
            if (!code) return unreachable();
            update({ type: 'error', code, message: error.message, turnId: null });
            disarm();
            // Refused after the turn was stored (a reconnect found it still running): history knows how it ends.
            if (stored) settle();
          },
        },
      );
    },
    [client, refresh, onNewConversation, businessId],
  );

  /** Follows a turn this tab did not start, from what it has produced so far. */
  const watch = useCallback(
    (turnId: string, conversationId: string, userText: string) => {
      subscription.current?.unsubscribe();
      const key = `watch-${turnId}`;
      setLive({ ...STARTING, key, conversationId, turnId, userText });
      const patch = (change: (current: LiveTurn) => LiveTurn) =>
        setLive((current) => (current?.key === key ? change(current) : current));
      const settle = () => {
        subscription.current?.unsubscribe();
        void refresh(conversationId).then(() =>
          setLive((current) => (current?.key === key && !current.running ? null : current)),
        );
      };
      subscription.current = client.chat.watch.subscribe(
        { turnId },
        {
          onConnectionStateChange(state) {
            // The link resumes after the last event id it got: nothing is shown twice.
            patch((current) => ({ ...current, reconnecting: state.state === 'connecting' && Boolean(state.error) }));
          },
          onData({ data: event }) {
            patch((current) => apply(current, event));
            if (isFinal(event)) settle();
          },
          onError(error) {
            noteAuthError(error);
            patch((current) => ({
              ...current,
              running: false,
              error: { code: error.data?.code ?? 'NETWORK', message: error.message },
            }));
            settle();
          },
        },
      );
    },
    [client, refresh],
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
  return { live, send, watch, stop, dismiss };
}

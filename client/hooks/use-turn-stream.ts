// One streamed turn at a time over chat.stream: the agent badge and the text grow as events come.
// A dropped connection is retried by the SSE link with the same clientMessageId (the server never
// stores a message twice); if it stays down, the turn gives up after a while instead of spinning.
import type { Unsubscribable } from '@trpc/server/observable';
import { useCallback, useEffect, useRef, useState } from 'react';
import { noteAuthError } from '../access-token.ts';
import type { ToolEvent, TurnEvent } from '../api-types.ts';
import { draftKey, readDraft, writeDraft } from '../drafts.ts';
import { newId } from '../new-id.ts';
import { useTRPCClient } from '../trpc.ts';
import { useRefreshChat } from './use-refresh-chat.ts';

export type LiveTurn = {
  key: string;
  conversationId: string | null;
  turnId: string | null;
  userText: string;
  path: { agent: string; reason: string | null }[];
  text: string;
  tools: ToolEvent[];
  error: { code: string; message: string } | null;
  running: boolean;
  reconnecting: boolean;
};

/** How long a send may wait for the server (first contact, or a reconnect) before it gives up. */
export const GIVE_UP_MS = 15_000;

const STARTING = { turnId: null, path: [], text: '', tools: [], error: null, running: true, reconnecting: false };

function apply(live: LiveTurn, event: TurnEvent): LiveTurn {
  switch (event.type) {
    case 'turn':
      return { ...live, conversationId: event.turn.conversationId, turnId: event.turn.id };
    case 'agent':
      return { ...live, path: [...live.path, { agent: event.agent, reason: event.reason }] };
    case 'delta':
      return { ...live, text: live.text + event.text };
    case 'tool':
      return { ...live, tools: [...live.tools.filter((t) => t.callId !== event.callId), event] };
    case 'error':
      return { ...live, running: false, error: { code: event.code, message: event.message } };
    case 'done':
      return { ...live, running: false };
  }
}

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
        { conversationId: conversationId ?? undefined, businessId: conversationId ? undefined : businessId, message, clientMessageId: key },
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
            if (event.type === 'done' || (event.type === 'error' && (event.turnId || stored))) settle();
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

  const dismiss = useCallback(() => setLive((current) => (current?.running ? current : null)), []);
  return { live, send, dismiss };
}

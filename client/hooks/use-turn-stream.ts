// One streamed turn at a time over chat.stream: the agent badge and the text grow as events come.
import type { Unsubscribable } from '@trpc/server/observable';
import { useCallback, useEffect, useRef, useState } from 'react';
import { noteAuthError } from '../access-token.ts';
import type { ToolEvent, TurnEvent } from '../api-types.ts';
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
};

const STARTING: Omit<LiveTurn, 'key' | 'conversationId' | 'userText'> = {
  turnId: null,
  path: [],
  text: '',
  tools: [],
  error: null,
  running: true,
};

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

export function useTurnStream(onNewConversation: (conversationId: string) => void) {
  const client = useTRPCClient();
  const refresh = useRefreshChat();
  const [live, setLive] = useState<LiveTurn | null>(null);
  const subscription = useRef<Unsubscribable | null>(null);
  useEffect(() => () => subscription.current?.unsubscribe(), []);

  const send = useCallback(
    (message: string, conversationId: string | null) => {
      const key = newId();
      let known = conversationId;
      let stored = false;
      setLive({ ...STARTING, key, conversationId, userText: message });
      const update = (event: TurnEvent) => setLive((current) => (current?.key === key ? apply(current, event) : current));
      // Once the turn is stored, history shows it: the live copy can go.
      const settle = () => {
        subscription.current?.unsubscribe();
        void refresh(known).then(() => setLive((current) => (current?.key === key ? null : current)));
      };
      subscription.current = client.chat.stream.subscribe(
        { conversationId: conversationId ?? undefined, message, clientMessageId: key },
        {
          onData(event) {
            update(event);
            if (event.type === 'turn') stored = true;
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
            update({ type: 'error', code: error.data?.code ?? 'NETWORK', message: error.message, turnId: null });
            // The connection dropped after the turn was stored: history knows how it ends.
            if (stored) settle();
          },
        },
      );
    },
    [client, refresh, onNewConversation],
  );

  const dismiss = useCallback(() => setLive((current) => (current?.running ? current : null)), []);
  return { live, send, dismiss };
}

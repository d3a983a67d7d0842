// A turn as the client follows it (its own send, or a watch after a reload or in a second tab):
// the path, the tools and the text grow with each event.
import type { ToolEvent, TurnEvent } from './api-types.ts';

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
  /** Stop was pressed and the server has not confirmed yet. */
  stopping: boolean;
};

export const STARTING = {
  turnId: null,
  path: [],
  text: '',
  tools: [],
  error: null,
  running: true,
  reconnecting: false,
  stopping: false,
};

export function apply(live: LiveTurn, event: TurnEvent): LiveTurn {
  switch (event.type) {
    case 'turn':
      // A turn's events always start with this one: a stream that reconnected and replays starts afresh.
      return { ...live, conversationId: event.turn.conversationId, turnId: event.turn.id, path: [], text: '', tools: [] };
    case 'agent':
      return { ...live, path: [...live.path, { agent: event.agent, reason: event.reason }] };
    case 'delta':
      return { ...live, text: live.text + event.text };
    case 'tool':
      return { ...live, tools: [...live.tools.filter((t) => t.callId !== event.callId), event] };
    case 'error':
      return { ...live, running: false, stopping: false, error: { code: event.code, message: event.message } };
    case 'done':
    case 'cancelled':
    case 'approval':
      return { ...live, running: false, stopping: false };
  }
}

export const isFinal = (event: TurnEvent) =>
  event.type === 'done' || event.type === 'cancelled' || event.type === 'error' || event.type === 'approval';

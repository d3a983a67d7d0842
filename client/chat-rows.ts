// Flattens history (messages, turns, the memory boundary) and the live turn into list rows.
import type { History, Message, Turn } from './api-types.ts';
import type { LiveTurn } from './live-turn.ts';

export type ChatRow =
  | { kind: 'user'; key: string; message: Message }
  | { kind: 'reply'; key: string; message: Message; turn: Turn | undefined }
  | { kind: 'failed'; key: string; turn: Turn }
  | { kind: 'pending'; key: string; turn: Turn }
  | { kind: 'awaiting'; key: string; turn: Turn }
  | { kind: 'divider'; key: string; at: string }
  | { kind: 'live'; key: string; live: LiveTurn };

export function buildRows(history: History | undefined, live: LiveTurn | null): ChatRow[] {
  const rows: ChatRow[] = [];
  const turns = new Map((history?.turns ?? []).map((turn) => [turn.id, turn]));
  const memoryFrom = history?.conversation.memoryFrom ?? null;
  const boundary = memoryFrom ? Date.parse(memoryFrom) : null;
  let dividerPlaced = boundary === null;
  const divider = (): ChatRow => ({ kind: 'divider', key: `divider-${memoryFrom}`, at: memoryFrom! });
  // Once history has the turn settled, history is the truth and the live copy steps aside. A failed
  // or stopped turn in history while the live one runs or answered is the attempt a retry replaces.
  const stored = live?.turnId ? turns.get(live.turnId)?.status : undefined;
  const settled =
    stored === 'completed' || (stored !== undefined && stored !== 'running' && !live!.running && live!.error !== null);
  const current = settled ? null : live;
  const liveTurnId = current?.turnId ?? null;
  let liveShown = false;

  for (const message of history?.messages ?? []) {
    if (!dividerPlaced && Date.parse(message.createdAt) >= boundary!) {
      rows.push(divider());
      dividerPlaced = true;
    }
    const turn = message.turnId ? turns.get(message.turnId) : undefined;
    if (message.role === 'assistant') {
      // A stopped reply being retried: the live turn takes its place.
      if (current && turn?.id === liveTurnId) continue;
      rows.push({ kind: 'reply', key: message.id, message, turn });
      continue;
    }
    if (turn && turn.id === liveTurnId && current) {
      // The stream already shows this turn's user text and its reply as it grows.
      rows.push({ kind: 'live', key: current.key, live: current });
      liveShown = true;
      continue;
    }
    rows.push({ kind: 'user', key: message.id, message });
    // A turn stopped before any text has no reply: like a failed one, it offers Retry.
    const replied = history?.messages.some((m) => m.turnId === turn?.id && m.role === 'assistant');
    if (turn?.status === 'failed' || (turn?.status === 'cancelled' && !replied))
      rows.push({ kind: 'failed', key: `failed-${turn.id}`, turn });
    if (turn?.status === 'running') rows.push({ kind: 'pending', key: `pending-${turn.id}`, turn });
    if (turn?.status === 'awaiting_approval') rows.push({ kind: 'awaiting', key: `awaiting-${turn.id}`, turn });
  }
  if (!dividerPlaced) rows.push(divider());
  if (current && !liveShown) rows.push({ kind: 'live', key: current.key, live: current });
  return rows;
}

// Brings the turn a link named (/c/:id?turn=…) into view once its rows have loaded.
import type { Virtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect, useRef } from 'react';
import type { ChatRow } from '../chat-rows.ts';

export function turnRowIndex(rows: ChatRow[], turnId: string): number {
  return rows.findIndex((row) =>
    row.kind === 'user' ? row.message.turnId === turnId : 'turn' in row && row.turn?.id === turnId,
  );
}

export function useFocusTurn(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  rows: ChatRow[],
  turnId: string | null | undefined,
  stickToBottom: RefObject<boolean>,
): void {
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!turnId || done.current === turnId) return;
    const index = turnRowIndex(rows, turnId);
    if (index < 0) return;
    done.current = turnId;
    stickToBottom.current = false;
    virtualizer.scrollToIndex(index, { align: 'start' });
  }, [virtualizer, rows, turnId, stickToBottom]);
}

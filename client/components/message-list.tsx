// The conversation, virtualized: a 1,000-message history renders only the rows in view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import type { ChatRow as Row } from '../chat-rows.ts';
import { turnRowIndex, useFocusTurn } from '../hooks/use-focus-turn.ts';
import { ChatRow, type RowActions } from './chat-row.tsx';

const NEAR_BOTTOM_PX = 80;

type Props = { rows: Row[]; actions: RowActions; busy: boolean; focusTurnId?: string | null };

export function MessageList({ rows, actions, busy, focusTurnId }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Follow new text only while the reader is at the bottom; scrolling up to read stops it.
  const stickToBottom = useRef(true);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 120,
    overscan: 6,
    getItemKey: (index) => rows[index]!.key,
  });
  const totalSize = virtualizer.getTotalSize();
  useFocusTurn(virtualizer, rows, focusTurnId, stickToBottom);
  const focusedIndex = focusTurnId ? turnRowIndex(rows, focusTurnId) : -1;

  // biome-ignore lint/correctness/useExhaustiveDependencies: new rows and a new size are the triggers.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [totalSize, rows]);

  const onScroll = () => {
    const element = scrollRef.current!;
    stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
  };

  return (
    <div
      ref={scrollRef}
      className="message-scroll"
      role="log"
      aria-label="Messages"
      aria-busy={busy}
      tabIndex={0}
      onScroll={onScroll}
      data-testid="message-list"
    >
      <div className="message-canvas" style={{ height: totalSize }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            className="message-row"
            data-focused={item.index === focusedIndex || undefined}
            style={{ transform: `translateY(${item.start}px)` }}
          >
            <ChatRow row={rows[item.index]!} actions={actions} />
          </div>
        ))}
      </div>
    </div>
  );
}

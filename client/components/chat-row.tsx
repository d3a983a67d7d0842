import type { ChatRow as Row } from '../chat-rows.ts';
import { formatTime } from '../format.ts';
import { ApprovalCards } from './approval-card.tsx';
import { AssistantMessage } from './assistant-message.tsx';
import { FailedTurn } from './failed-turn.tsx';
import { LiveReply } from './live-reply.tsx';
import { UserMessage } from './user-message.tsx';

export type RowActions = { onResend: () => void; onDismiss: () => void };

export function ChatRow({ row, actions }: { row: Row; actions: RowActions }) {
  switch (row.kind) {
    case 'user':
      return <UserMessage text={row.message.content} at={row.message.createdAt} />;
    case 'reply':
      return <AssistantMessage message={row.message} turn={row.turn} />;
    case 'failed':
      return <FailedTurn turn={row.turn} conversationId={row.turn.conversationId} />;
    case 'pending':
      return <p className="muted small pending-turn">Still being answered… it will show here when it is done.</p>;
    case 'awaiting':
      return <ApprovalCards turn={row.turn} />;
    case 'divider':
      return (
        <div className="memory-divider" role="separator" data-testid="memory-divider">
          <span>Memory cleared {formatTime(row.at)}: the assistant does not see what is above</span>
        </div>
      );
    case 'live':
      return <LiveReply live={row.live} onResend={actions.onResend} onDismiss={actions.onDismiss} />;
  }
}

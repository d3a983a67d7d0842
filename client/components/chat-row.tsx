import type { ChatRow as Row } from '../chat-rows.ts';
import { formatTime } from '../format.ts';
import { ApprovalCards } from './approval-card.tsx';
import { AssistantMessage } from './assistant-message.tsx';
import { CutReply, FailedTurn } from './failed-turn.tsx';
import { LiveReply } from './live-reply.tsx';
import type { RetryAction } from './retry-button.tsx';
import { UserMessage } from './user-message.tsx';

export type RowActions = RetryAction & { onResend: () => void; onDismiss: () => void };

export function ChatRow({ row, actions }: { row: Row; actions: RowActions }) {
  switch (row.kind) {
    case 'user':
      return <UserMessage text={row.message.content} at={row.message.createdAt} />;
    case 'reply':
      return <AssistantMessage message={row.message} turn={row.turn} retry={actions} />;
    case 'failed':
      return <FailedTurn turn={row.turn} action={actions} />;
    case 'pending':
      return <PendingTurn turnId={row.turn.id} />;
    case 'awaiting':
      return <ApprovalCards turn={row.turn} />;
    case 'divider':
      return (
        <div className="memory-divider" role="separator" data-testid="memory-divider">
          <span>Memory cleared {formatTime(row.at)}: the assistant does not see what is above</span>
        </div>
      );
    case 'live':
      return <LiveReply live={row.live} actions={actions} />;
  }
}

/** A turn history last saw running; if this tab lost its stream, the words it had seen stay. */
function PendingTurn({ turnId }: { turnId: string }) {
  return (
    <>
      <CutReply turnId={turnId} />
      <p className="muted small pending-turn">Still being answered… it will show here when it is done.</p>
    </>
  );
}

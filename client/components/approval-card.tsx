// A paused turn's pending calls, one card each: who wants to run what on which connection, the
// arguments in plain words, and the owner's Approve / Reject / Always allow (chat.approve).
import { useMutation } from '@tanstack/react-query';
import type { Turn } from '../api-types.ts';
import { useRefreshChat } from '../hooks/use-refresh-chat.ts';
import { useTRPC } from '../trpc.ts';

type Approval = NonNullable<Turn['approvals']>[number];

function plain(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "create discount" for create_discount: the owner reads words, not identifiers. */
const words = (name: string) => name.replace(/[_-]+/g, ' ').trim();

function PendingCall({ turn, approval }: { turn: Turn; approval: Approval }) {
  const trpc = useTRPC();
  const refresh = useRefreshChat();
  const decide = useMutation(trpc.chat.approve.mutationOptions({ onSettled: () => refresh(turn.conversationId) }));
  const send = (decision: 'approve' | 'reject', always = false) =>
    decide.mutate({ turnId: turn.id, approvalId: approval.id, decision, always });
  const args = Object.entries(approval.arguments);
  return (
    <section
      className="approval-card"
      aria-label={`${approval.agent} asks to ${words(approval.tool)}`}
      data-testid="approval-card"
    >
      <p>
        <strong>{approval.agent}</strong>
        {approval.consultedBy ? ` (asked by ${approval.consultedBy})` : ''} wants to <strong>{words(approval.tool)}</strong>
        {approval.server ? (
          <>
            {' '}
            on <strong>{approval.server}</strong>
          </>
        ) : null}
        .
      </p>
      {args.length > 0 && (
        <dl className="approval-args">
          {args.map(([name, value]) => (
            <div key={name}>
              <dt>{words(name)}</dt>
              <dd>{plain(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {decide.error && (
        <p className="muted small" role="alert">
          {decide.error.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => send('approve')}>
          {decide.isPending ? 'Carrying on…' : 'Approve'}
        </button>
        <button type="button" disabled={decide.isPending} onClick={() => send('reject')}>
          Reject
        </button>
        {approval.server && (
          <button type="button" className="quiet" disabled={decide.isPending} onClick={() => send('approve', true)}>
            Always allow
          </button>
        )}
      </div>
    </section>
  );
}

export function ApprovalCards({ turn }: { turn: Turn }) {
  const pending = (turn.approvals ?? []).filter((approval) => approval.status === 'pending');
  return (
    <div className="approvals">
      <p className="muted small">Waiting for your yes before going on:</p>
      {pending.map((approval) => (
        <PendingCall key={approval.id} turn={turn} approval={approval} />
      ))}
    </div>
  );
}

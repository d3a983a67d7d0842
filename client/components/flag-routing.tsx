// "Wrong expert": the user names the expert that should have answered (chat.flagRouting); the
// flagged turns become routing-eval cases (stats.routingFlags, `switchboard flags`).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { EXPERT_NAMES as EXPERTS, type ExpertName as Expert } from '../../shared/roster.ts';
import type { Turn } from '../api-types.ts';
import { useTRPC } from '../trpc.ts';
import { AgentBadge } from './agent-badge.tsx';

export function FlagRouting({ turn, answeredBy }: { turn: Turn; answeredBy: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const selectId = useId();
  const [open, setOpen] = useState(false);
  // Focus follows the form: into it when it opens, back to what opened it (or Undo) when it closes.
  const opener = useRef<HTMLButtonElement>(null);
  const undo = useRef<HTMLButtonElement>(null);
  const returning = useRef(false);
  useEffect(() => {
    if (open || !returning.current) return;
    returning.current = false;
    (undo.current ?? opener.current)?.focus();
  });
  const close = () => {
    returning.current = true;
    setOpen(false);
  };
  const choices = EXPERTS.filter((e) => e !== answeredBy);
  const [expected, setExpected] = useState<Expert>(choices[0]!);
  const flag = useMutation(
    trpc.chat.flagRouting.mutationOptions({
      onSuccess: async () => {
        close();
        await Promise.all([
          queryClient.invalidateQueries(trpc.chat.history.queryFilter({ conversationId: turn.conversationId })),
          queryClient.invalidateQueries(trpc.stats.agentTurns.pathFilter()),
          queryClient.invalidateQueries(trpc.stats.routingFlags.pathFilter()),
        ]);
      },
    }),
  );

  if (turn.flag) {
    return (
      <p className="flag-routing flagged" data-testid="routing-flag">
        Marked wrong expert: should have been <AgentBadge agent={turn.flag.expected} />
        <button
          ref={undo}
          type="button"
          className="ghost small"
          onClick={() => flag.mutate({ turnId: turn.id, expected: null })}
          disabled={flag.isPending}
        >
          Undo
        </button>
      </p>
    );
  }
  if (!open) {
    return (
      <button ref={opener} type="button" className="ghost small flag-routing-open" onClick={() => setOpen(true)}>
        Wrong expert?
      </button>
    );
  }
  return (
    <form
      className="flag-routing"
      aria-label="Mark the wrong expert"
      onKeyDown={(event) => event.key === 'Escape' && close()}
      onSubmit={(event) => {
        event.preventDefault();
        flag.mutate({ turnId: turn.id, expected });
      }}
    >
      <label htmlFor={selectId}>Should have been</label>
      <select id={selectId} autoFocus value={expected} onChange={(e) => setExpected(e.target.value as Expert)}>
        {choices.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={flag.isPending}>
        {flag.isPending ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="ghost" onClick={close}>
        Cancel
      </button>
      {flag.error && <span className="field-error">{flag.error.message}</span>}
    </form>
  );
}

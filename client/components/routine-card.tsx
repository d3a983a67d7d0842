// One routine: its schedule in words, when it runs next (in its time zone), how the last run went,
// and what the owner can do with it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changeFailure } from '../error-words.ts';
import { pathFor } from '../hooks/use-route.ts';
import { describeNextRun, describeSchedule } from '../routine-schedule.ts';
import { useTRPC } from '../trpc.ts';
import { AgentBadge } from './agent-badge.tsx';
import { type Routine, RoutineForm } from './routine-form.tsx';
import { RoutineRuns, STATUS_WORDS } from './routine-runs.tsx';

type Props = { routine: Routine; businessId: string | undefined; onOpen: (path: string) => void };

export function RoutineCard({ routine, businessId, onOpen }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [showRuns, setShowRuns] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.routines.pathFilter());
  const toggle = useMutation(trpc.routines.update.mutationOptions({ onSuccess: refresh }));
  const runNow = useMutation(trpc.routines.runNow.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.routines.delete.mutationOptions({ onSuccess: refresh }));
  const error = toggle.error ?? runNow.error ?? remove.error;
  const titleId = `routine-${routine.id}`;

  if (editing) return <RoutineForm businessId={businessId} routine={routine} onDone={() => setEditing(false)} />;
  return (
    <article className={`routine-card${routine.enabled ? '' : ' paused'}`} aria-labelledby={titleId} data-testid="routine-card">
      <header>
        <h2 id={titleId}>
          <a
            href={pathFor(routine.conversationId)}
            onClick={(event) => {
              event.preventDefault();
              onOpen(pathFor(routine.conversationId));
            }}
          >
            {routine.title}
          </a>
        </h2>
        {routine.unread > 0 && (
          <span className="unread-badge" data-testid="routine-unread">
            {routine.unread} new
          </span>
        )}
      </header>
      <p className="routine-prompt">{routine.prompt}</p>
      <dl className="routine-facts">
        <dt>When</dt>
        <dd>
          {describeSchedule(routine.schedule.cron)}, {routine.schedule.timezone}
        </dd>
        <dt>Next run</dt>
        <dd data-testid="routine-next-run">
          {routine.nextRunAt
            ? describeNextRun(routine.nextRunAt, routine.schedule.timezone)
            : 'Paused: it will not run until resumed'}
        </dd>
        <dt>Answered by</dt>
        <dd>{routine.expert ? <AgentBadge agent={routine.expert} /> : 'The Orchestrator routes each run'}</dd>
        <dt>Last run</dt>
        <dd>{routine.lastRun ? (STATUS_WORDS[routine.lastRun.status] ?? routine.lastRun.status) : 'Not run yet'}</dd>
      </dl>
      {error && (
        <p className="field-error" role="alert">
          {changeFailure(error)}
        </p>
      )}
      <div className="routine-actions">
        <button
          type="button"
          className="primary small"
          disabled={runNow.isPending}
          onClick={() => runNow.mutate({ routineId: routine.id })}
        >
          {runNow.isPending ? 'Running…' : 'Run now'}
        </button>
        <button
          type="button"
          className="small"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate({ routineId: routine.id, enabled: !routine.enabled })}
        >
          {routine.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="small" onClick={() => setEditing(true)}>
          Edit
        </button>
        <button type="button" className="ghost small" aria-expanded={showRuns} onClick={() => setShowRuns((v) => !v)}>
          Past runs
        </button>
        <button
          type="button"
          className={confirmDelete ? 'danger small' : 'ghost small'}
          onClick={() => (confirmDelete ? remove.mutate({ routineId: routine.id }) : setConfirmDelete(true))}
          onBlur={() => setConfirmDelete(false)}
        >
          {confirmDelete ? 'Delete for good' : 'Delete'}
        </button>
      </div>
      {showRuns && <RoutineRuns routineId={routine.id} onOpen={onOpen} />}
    </article>
  );
}

// What the job engine's routine jobs do. A job means "this routine is due": it claims the slot it
// answers (once, whoever else holds a job for it), runs the turn, and tells the owner the outcome.
import type { JobWithMetadata } from 'pg-boss';
import type { Db } from '../../db/client.ts';
import { claimRun, findRoutine, runOfJob } from '../../db/queries/routines.ts';
import type { RoutineRow, RoutineRunRow, TurnRow } from '../../db/schema.ts';
import type { TurnDeps } from '../turns/run-turn.ts';
import { runRoutineTurn } from './run-routine.ts';
import { slotAtOrBefore } from './schedule.ts';

export type RunJob = JobWithMetadata<{ routineId: string }>;

/** Retries of a failed run: with backoff (30 s, then about a minute), then it is kept failed. */
export const RUN_QUEUE_OPTIONS = { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 } as const;

export type WorkerDeps = {
  chat: TurnDeps;
  notify: (routine: RoutineRow, turn: TurnRow) => Promise<void>;
  unschedule: (routineId: string) => Promise<void>;
};

export async function handleRunJob(deps: WorkerDeps, job: RunJob): Promise<void> {
  const { db, logger } = deps.chat;
  const routine = await findRoutine(db, job.data.routineId);
  // Deleted or paused after the job was sent: its slot is not owed.
  if (!routine) return deps.unschedule(job.data.routineId);
  if (!routine.enabled) return;
  const run = (await runOfJob(db, job.id)) ?? (await claimSlot(db, routine, job));
  if (!run) return;
  const turn = await runRoutineTurn(deps.chat, routine, run, job.createdOn);
  // Still running elsewhere (an instance that lost its lock): look again later.
  if (turn.status === 'running') throw new Error('the run’s turn is still running');
  if (turn.status === 'failed' && job.retryCount < job.retryLimit) {
    logger.warn(
      { routineId: routine.id, turnId: turn.id, attempt: job.retryCount + 1, code: turn.errorCode },
      'routine run failed; retrying',
    );
    throw new Error(turn.errorMessage ?? 'the run failed');
  }
  await deps.notify(routine, turn);
}

/**
 * A first attempt claims the slot it answers: every slot up to the job's creation, so missed ones
 * are caught up by this one run. None when another job claimed it, or when the slot is from before
 * the routine was created or resumed (a pass reads the last minute back).
 */
async function claimSlot(db: Db, routine: RoutineRow, job: RunJob): Promise<RoutineRunRow | undefined> {
  const scheduledFor = slotAtOrBefore(routine.cron, routine.timezone, job.createdOn);
  if (scheduledFor < routine.activeFrom) return undefined;
  return claimRun(db, { routineId: routine.id, scheduledFor, jobId: job.id });
}

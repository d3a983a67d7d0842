// routines.*: a routine's row, its conversation and its schedule on the job engine, kept together.
import type { PgBoss } from 'pg-boss';
import { createConversation } from '../../db/queries/conversations.ts';
import { deleteConversation } from '../../db/queries/manage-conversations.ts';
import {
  claimRun,
  deleteRoutine,
  findRoutine,
  insertRoutine,
  listRoutines,
  listRuns,
  type RoutineChanges,
  type RoutineWithUnread,
  routineOfConversation,
  updateRoutine,
} from '../../db/queries/routines.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { RoutineRow, TurnRow } from '../../db/schema.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import type { TurnDeps } from '../turns/run-turn.ts';
import { runRoutineTurn } from './run-routine.ts';

export const RUN_QUEUE = 'routine-run';

export type RoutineInput = {
  title: string;
  prompt: string;
  schedule: { cron: string; timezone: string };
  expert?: string | null;
  enabled?: boolean;
  webhook?: string | null;
};

export type ServiceDeps = {
  chat: TurnDeps;
  boss: PgBoss;
  /** Resolves once the job engine runs: schedules are written through it. */
  ready: () => Promise<void>;
  notify: (routine: RoutineRow, turn: TurnRow) => Promise<void>;
  /** The job engine's clock: slots are owed from this moment on. */
  now: () => Date;
};

/** One schedule per routine (keyed by its id) in the routine's time zone, so DST is the engine's. */
export function scheduleOn(boss: PgBoss, routine: RoutineRow): Promise<void> {
  // `missed: 'once'`: slots no instance was up for are caught up by one run, not one per slot.
  return boss.schedule(
    RUN_QUEUE,
    routine.cron,
    { routineId: routine.id },
    { key: routine.id, tz: routine.timezone, missed: 'once' },
  );
}

export function routineService(deps: ServiceDeps) {
  const { chat, boss } = deps;
  const { db } = chat;

  /** The job engine's schedule follows the row: on while enabled, gone while not (its slots are not owed). */
  async function syncSchedule(routine: RoutineRow): Promise<void> {
    await deps.ready();
    if (!routine.enabled) return boss.unschedule(RUN_QUEUE, routine.id);
    await scheduleOn(boss, routine);
  }

  async function existing(routineId: string): Promise<RoutineWithUnread> {
    const routine = await findRoutine(db, routineId);
    if (!routine) throw new DomainError('ROUTINE_NOT_FOUND');
    return routine;
  }

  return {
    nextRunAt(routine: RoutineRow): Date | null {
      return routine.enabled ? (boss.previewSchedule(routine.cron, { tz: routine.timezone, count: 1 })[0] ?? null) : null;
    },

    existing,

    async list(businessId: string | undefined): Promise<RoutineWithUnread[]> {
      return listRoutines(db, (await resolveBusiness(db, businessId)).id);
    },

    async create(businessId: string | undefined, input: RoutineInput): Promise<RoutineWithUnread> {
      const business = await resolveBusiness(db, businessId);
      const routine = await db.transaction(async (tx) => {
        const conversation = await createConversation(tx, input.title, undefined, business.id);
        return insertRoutine(tx, {
          ...columnsOf(input),
          businessId: business.id,
          conversationId: conversation.id,
          activeFrom: deps.now(),
        });
      });
      try {
        await syncSchedule(routine);
      } catch (error) {
        // Nothing stored without its schedule: the conversation takes the routine with it.
        await deleteConversation(db, routine.conversationId);
        throw error;
      }
      return { ...routine, unread: 0 };
    },

    async update(routineId: string, changes: Partial<RoutineInput>): Promise<RoutineWithUnread> {
      const before = await existing(routineId);
      const resumed = changes.enabled === true && !before.enabled;
      const routine = await updateRoutine(db, routineId, {
        ...columnsOf({ ...inputOf(before), ...changes }),
        ...(resumed ? { activeFrom: deps.now() } : {}),
      });
      if (!routine) throw new DomainError('ROUTINE_NOT_FOUND');
      await syncSchedule(routine);
      return { ...routine, unread: before.unread };
    },

    async remove(routineId: string): Promise<void> {
      const routine = await deleteRoutine(db, routineId);
      if (!routine) throw new DomainError('ROUTINE_NOT_FOUND');
      await syncSchedule({ ...routine, enabled: false });
    },

    /** A run started by hand: it waits for the conversation's lock like any turn, then runs. */
    async runNow(routineId: string): Promise<TurnRow> {
      const routine = await existing(routineId);
      const run = await claimRun(db, { routineId, scheduledFor: null, jobId: null });
      const turn = await runRoutineTurn(chat, routine, run!, new Date());
      await deps.notify(routine, turn);
      return turn;
    },

    /**
     * A routine's run that waited for an approval ends when the owner decides, on whichever
     * instance: it is told like a run that ended on its own.
     */
    async noticeDecided(turnId: string): Promise<void> {
      const turn = await findTurn(db, turnId);
      const routine = turn && (await routineOfConversation(db, turn.conversationId));
      if (routine && turn.status !== 'awaiting_approval') await deps.notify(routine, turn);
    },

    async runs(routineId: string, page: Parameters<typeof listRuns>[2]) {
      await existing(routineId);
      return listRuns(db, routineId, page);
    },
  };
}

export type RoutineService = ReturnType<typeof routineService>;

function columnsOf(input: RoutineInput): RoutineChanges & Pick<RoutineRow, 'title' | 'prompt' | 'cron' | 'timezone'> {
  return {
    title: input.title,
    prompt: input.prompt,
    cron: input.schedule.cron,
    timezone: input.schedule.timezone,
    ...(input.expert !== undefined ? { expert: input.expert } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(input.webhook !== undefined ? { webhook: input.webhook } : {}),
  };
}

/** A routine's row as the fields it was made from. */
export function inputOf(routine: RoutineRow): Required<RoutineInput> {
  return {
    title: routine.title,
    prompt: routine.prompt,
    schedule: { cron: routine.cron, timezone: routine.timezone },
    expert: routine.expert,
    enabled: routine.enabled,
    webhook: routine.webhook,
  };
}

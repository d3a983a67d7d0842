// Routines and their runs (server/routines/ owns what they mean).
import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type RoutineRow, type RoutineRunRow, routineRuns, routines, type TurnRow, turns } from '../schema.ts';

export type NewRoutine = Pick<
  RoutineRow,
  'businessId' | 'conversationId' | 'title' | 'prompt' | 'cron' | 'timezone' | 'activeFrom'
> &
  Partial<Pick<RoutineRow, 'expert' | 'enabled' | 'webhook'>>;
export type RoutineChanges = Partial<
  Pick<RoutineRow, 'title' | 'prompt' | 'cron' | 'timezone' | 'expert' | 'enabled' | 'webhook' | 'activeFrom'>
>;

/** A routine with how many of its runs settled since the owner last opened its conversation. */
export type RoutineWithUnread = RoutineRow & { unread: number };

/** Runs that have an outcome (not still running) and settled after `read_at`. */
const unread: SQL<number> = sql<number>`(
  select count(*)::int from ${routineRuns} r join ${turns} t on t.id = r.turn_id
  where r.routine_id = ${routines}.id and t.status <> 'running'
    and coalesce(t.finished_at, t.started_at) > ${routines}.read_at
)`;

export async function insertRoutine(db: Db, routine: NewRoutine): Promise<RoutineRow> {
  const [row] = await db.insert(routines).values(routine).returning();
  return row!;
}

export async function findRoutine(db: Db, id: string): Promise<RoutineWithUnread | undefined> {
  const [row] = await db.select({ routine: routines, unread }).from(routines).where(eq(routines.id, id));
  return row && { ...row.routine, unread: row.unread };
}

/** The routine whose conversation this is, if any: a turn there is one of its runs. */
export async function routineOfConversation(db: Db, conversationId: string): Promise<RoutineRow | undefined> {
  const [row] = await db.select().from(routines).where(eq(routines.conversationId, conversationId));
  return row;
}

export async function listRoutines(db: Db, businessId: string): Promise<RoutineWithUnread[]> {
  const rows = await db
    .select({ routine: routines, unread })
    .from(routines)
    .where(eq(routines.businessId, businessId))
    .orderBy(routines.createdAt, routines.id);
  return rows.map((row) => ({ ...row.routine, unread: row.unread }));
}

export async function enabledRoutines(db: Db): Promise<RoutineRow[]> {
  return db.select().from(routines).where(eq(routines.enabled, true));
}

export async function updateRoutine(db: Db, id: string, changes: RoutineChanges): Promise<RoutineRow | undefined> {
  const [row] = await db
    .update(routines)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(routines.id, id))
    .returning();
  return row;
}

export async function deleteRoutine(db: Db, id: string): Promise<RoutineRow | undefined> {
  const [row] = await db.delete(routines).where(eq(routines.id, id)).returning();
  return row;
}

/** Opening the conversation reads what its routine did. */
export async function markRoutineRead(db: Db, conversationId: string): Promise<void> {
  await db.update(routines).set({ readAt: sql`now()` }).where(eq(routines.conversationId, conversationId));
}

/**
 * Claims a run: for a slot, only the first claim of that slot gets a row (undefined for any later
 * one); a run by hand (`scheduledFor` null) always does.
 */
export async function claimRun(
  db: Db,
  run: { routineId: string; scheduledFor: Date | null; jobId: string | null },
): Promise<RoutineRunRow | undefined> {
  const [row] = await db.insert(routineRuns).values(run).onConflictDoNothing().returning();
  return row;
}

export async function runOfJob(db: Db, jobId: string): Promise<RoutineRunRow | undefined> {
  const [row] = await db.select().from(routineRuns).where(eq(routineRuns.jobId, jobId));
  return row;
}

export async function setRunTurn(db: Db, runId: string, turnId: string): Promise<void> {
  await db
    .update(routineRuns)
    .set({ turnId })
    .where(and(eq(routineRuns.id, runId), isNull(routineRuns.turnId)));
}

/** `at`: the run's created_at as exact text (microseconds), for a page cursor. */
export type RunWithTurn = { run: RoutineRunRow; turn: TurnRow; at: string };

const exactCreatedAt = sql<string>`to_char(${routineRuns.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Newest first; a run whose turn is not opened yet is not listed. */
export async function listRuns(
  db: Db,
  routineId: string,
  page: { limit: number; before?: { at: string; id: string } },
): Promise<RunWithTurn[]> {
  const { before } = page;
  return db
    .select({ run: routineRuns, turn: turns, at: exactCreatedAt })
    .from(routineRuns)
    .innerJoin(turns, eq(turns.id, routineRuns.turnId))
    .where(
      and(
        eq(routineRuns.routineId, routineId),
        before ? sql`(${routineRuns.createdAt}, ${routineRuns.id}) < (${before.at}::timestamptz, ${before.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(routineRuns.createdAt), desc(routineRuns.id))
    .limit(page.limit);
}

export async function lastRun(db: Db, routineId: string): Promise<RunWithTurn | undefined> {
  const [row] = await listRuns(db, routineId, { limit: 1 });
  return row;
}

// A turn that waits for the owner: paused with its run's state, its calls decided one by one,
// resumed by whoever records the last decision. Every write is fenced on the run (status and
// attempt), like a turn's finish: two instances deciding at once, only one resumes the run.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Approval } from '../../shared/turn-record.ts';
import type { Db } from '../client.ts';
import { conversations, type TurnRow, turns } from '../schema.ts';
import { stillRunning, type TurnRecord, type TurnRun } from './turns.ts';

/** Null when the run no longer owns the turn. */
export async function pauseTurn(
  db: Db,
  run: TurnRun,
  paused: { record: TurnRecord; runState: string; approvals: Approval[] },
): Promise<TurnRow | null> {
  const [row] = await db
    .update(turns)
    .set({ ...paused.record, status: 'awaiting_approval', runState: paused.runState, approvals: paused.approvals })
    .where(stillRunning(run))
    .returning();
  return row ?? null;
}

/**
 * Records one decision on a paused turn, as long as it is still paused at `attempt`. When it was
 * the last one pending, the turn goes back to running as its next attempt (the run is resumed by
 * the caller): that move happens once, so each approved call runs once.
 */
export async function recordDecision(db: Db, paused: TurnRow, approvals: Approval[]): Promise<TurnRow | null> {
  const resumes = approvals.every((approval) => approval.status !== 'pending');
  const [row] = await db
    .update(turns)
    .set({
      approvals,
      ...(resumes ? { status: 'running' as const, attempt: sql`${turns.attempt} + 1` } : {}),
    })
    .where(and(eq(turns.id, paused.id), eq(turns.status, 'awaiting_approval'), eq(turns.attempt, paused.attempt)))
    .returning();
  return row ?? null;
}

/**
 * Stops a paused turn: its pending calls count as rejected and never run, and it can be retried
 * like any stopped turn. Null when it was decided (or stopped) meanwhile.
 */
export async function cancelPausedTurn(db: Db, paused: TurnRow, at: Date): Promise<TurnRow | null> {
  const approvals = paused.approvals.map((approval) =>
    approval.status === 'pending' ? { ...approval, status: 'rejected' as const, decidedAt: at.toISOString() } : approval,
  );
  const [row] = await db
    .update(turns)
    .set({ status: 'cancelled', approvals, runState: null, finishedAt: at })
    .where(and(eq(turns.id, paused.id), eq(turns.status, 'awaiting_approval'), eq(turns.attempt, paused.attempt)))
    .returning();
  return row ?? null;
}

/** Paused turns, newest first, of one business or all. */
export async function awaitingTurns(db: Db, businessId?: string): Promise<TurnRow[]> {
  const query = db.select({ turn: turns }).from(turns).innerJoin(conversations, eq(conversations.id, turns.conversationId));
  const rows = await query
    .where(and(inArray(turns.status, ['awaiting_approval']), businessId ? eq(conversations.businessId, businessId) : undefined))
    .orderBy(desc(turns.startedAt))
    .limit(200);
  return rows.map((row) => row.turn);
}

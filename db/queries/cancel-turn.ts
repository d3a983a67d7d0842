// A cancelled turn in one transaction: its stopped reply (when any text streamed), its record so
// far and the conversation's updated_at. Fenced like finishTurn: only the run still in charge of
// the turn closes it. Images drawn before Stop stay with the stopped reply; with no reply there is
// nothing to show them under, so they go (as with a failed turn).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, files, messages, type TurnRow, turns } from '../schema.ts';
import type { NewMessage } from './messages.ts';
import { stillRunning, type TurnRecord, type TurnRun } from './turns.ts';

export async function closeCancelledTurn(
  db: Db,
  params: {
    reply: (NewMessage & { id: string; createdAt: Date }) | null;
    run: TurnRun;
    conversationId: string;
    record: TurnRecord;
    finishedAt: Date;
  },
): Promise<TurnRow | undefined> {
  const { reply, run, record, finishedAt } = params;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(turns)
      .set({ ...record, status: 'cancelled', finishedAt })
      .where(stillRunning(run))
      .returning();
    if (!row) return undefined;
    if (reply) await tx.insert(messages).values({ ...reply, stopped: true });
    else await tx.delete(files).where(and(eq(files.turnId, run.turnId), eq(files.kind, 'image')));
    await tx.update(conversations).set({ updatedAt: finishedAt }).where(eq(conversations.id, params.conversationId));
    return row;
  });
}

/**
 * Asks whichever instance runs the turn to stop it: the flag survives a missed notification (the
 * runner reads it with its next events), the NOTIFY makes it immediate. False when not running.
 */
export async function requestCancel(db: Db, turnId: string, channel: string): Promise<boolean> {
  const result = await db.execute(sql`with flagged as (
      update turns set cancel_requested_at = now() where id = ${turnId} and status = 'running' returning id
    ) select pg_notify(${channel}, id::text) from flagged`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}

// A cancelled turn in one transaction: its stopped reply (when any text streamed), its record so
// far and the conversation's updated_at. Only a turn still running is closed this way.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, turns, type TurnRow } from '../schema.ts';
import type { NewMessage } from './messages.ts';
import type { TurnRecord } from './turns.ts';

export async function closeCancelledTurn(
  db: Db,
  params: { reply: (NewMessage & { id: string; createdAt: Date }) | null; turnId: string; conversationId: string; record: TurnRecord; finishedAt: Date },
): Promise<TurnRow | undefined> {
  const { reply, turnId, record, finishedAt } = params;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(turns)
      .set({ ...record, status: 'cancelled', finishedAt })
      .where(and(eq(turns.id, turnId), eq(turns.status, 'running')))
      .returning();
    if (!row) return undefined;
    if (reply) await tx.insert(messages).values({ ...reply, stopped: true });
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

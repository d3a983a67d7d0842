// A completed turn in one statement: the reply, the turn's record and the conversation's
// updated_at together, atomically, in one round trip instead of a five-statement transaction.
// Fenced: it applies only while this run still owns the turn (see `stillRunning`), so a run that
// lost its lock can never store a reply next to a turn someone else failed or reran.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, turns } from '../schema.ts';
import type { NewMessage } from './messages.ts';
import { stillRunning, type TurnRecord, type TurnRun } from './turns.ts';

type Reply = Required<Pick<NewMessage, 'id' | 'conversationId' | 'content' | 'tokens' | 'createdAt'>> & { agent: string };

/** False when nothing was written: the run no longer owns the turn. */
export async function finishTurn(
  db: Db,
  params: { reply: Reply; run: TurnRun; record: TurnRecord; finishedAt: Date },
): Promise<boolean> {
  const { reply, run, record, finishedAt } = params;
  const turn = db
    .update(turns)
    .set({ ...record, status: 'completed', finishedAt })
    .where(stillRunning(run))
    .returning({ id: turns.id });
  const touch = db
    .update(conversations)
    .set({ updatedAt: finishedAt })
    .where(and(eq(conversations.id, reply.conversationId), sql`exists (select from turn)`));
  // Postgres runs every data-modifying CTE once, whether or not it is read; the reply and the
  // conversation read `turn`, so they are written only when the turn was.
  const result = await db.execute<{ applied: number }>(sql`with
    turn as (${turn.getSQL()}),
    reply as (
      insert into ${messages} (id, conversation_id, turn_id, role, content, agent, tokens, created_at)
      select ${reply.id}::uuid, ${reply.conversationId}::uuid, turn.id, 'assistant', ${reply.content}, ${reply.agent},
        ${reply.tokens}::int, ${reply.createdAt.toISOString()}::timestamptz
      from turn
    ),
    conversation as (${touch.getSQL()})
    select count(*)::int as applied from turn`);
  return (result as unknown as { rows: { applied: number }[] }).rows[0]!.applied > 0;
}

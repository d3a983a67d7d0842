// A completed turn in one statement: the reply, the turn's record and the conversation's
// updated_at together, atomically, in one round trip instead of a five-statement transaction.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, turns } from '../schema.ts';
import type { NewMessage } from './messages.ts';
import type { TurnRecord } from './turns.ts';

export async function finishTurn(
  db: Db,
  params: { reply: NewMessage & { id: string; createdAt: Date }; turnId: string; record: TurnRecord; finishedAt: Date },
): Promise<void> {
  const { reply, turnId, record, finishedAt } = params;
  // Postgres runs every data-modifying CTE of a statement exactly once, whether or not it is read.
  await db.execute(sql`with
    reply as (${db.insert(messages).values(reply).getSQL()}),
    turn as (${db.update(turns).set({ ...record, status: 'completed', finishedAt }).where(eq(turns.id, turnId)).getSQL()})
    ${db.update(conversations).set({ updatedAt: finishedAt }).where(eq(conversations.id, reply.conversationId)).getSQL()}`);
}

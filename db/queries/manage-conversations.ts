// Renaming and deleting a conversation; its messages and turns go with it (ON DELETE CASCADE).
import { and, eq, exists, not, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ConversationRow, conversations, turns } from '../schema.ts';

/** The list is ordered by the last message: a new name does not move a conversation to the top. */
export async function renameConversation(db: Db, id: string, title: string): Promise<ConversationRow | undefined> {
  const [row] = await db.update(conversations).set({ title }).where(eq(conversations.id, id)).returning();
  return row;
}

export type DeleteResult = 'deleted' | 'not-found' | 'running';

/** Refuses while a turn runs (its reply would have nowhere to go), checked in the same statement. */
export async function deleteConversation(db: Db, id: string): Promise<DeleteResult> {
  const running = db
    .select({ one: sql`1` })
    .from(turns)
    .where(and(eq(turns.conversationId, id), eq(turns.status, 'running')));
  const deleted = await db
    .delete(conversations)
    .where(and(eq(conversations.id, id), not(exists(running))))
    .returning({ id: conversations.id });
  if (deleted.length) return 'deleted';
  const [still] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id));
  return still ? 'running' : 'not-found';
}

/** A written title replaces the first-message one only while it is still that one: a rename wins. */
export async function retitleConversation(db: Db, id: string, title: { from: string; to: string }): Promise<boolean> {
  const rows = await db
    .update(conversations)
    .set({ title: title.to })
    .where(and(eq(conversations.id, id), eq(conversations.title, title.from)))
    .returning({ id: conversations.id });
  return rows.length > 0;
}

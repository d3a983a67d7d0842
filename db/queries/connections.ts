// MCP servers added through the API, per business.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ConnectionRow, connections } from '../schema.ts';

export type NewConnection = Pick<ConnectionRow, 'businessId' | 'name' | 'url' | 'headers' | 'experts'>;

export async function insertConnection(db: Db, connection: NewConnection): Promise<ConnectionRow | null> {
  const [row] = await db.insert(connections).values(connection).onConflictDoNothing().returning();
  return row ?? null;
}

export async function connectionsOf(db: Db, businessId: string): Promise<ConnectionRow[]> {
  return db.select().from(connections).where(eq(connections.businessId, businessId)).orderBy(asc(connections.createdAt));
}

export async function findConnection(db: Db, id: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id));
  return row;
}

export async function updateConnection(
  db: Db,
  id: string,
  change: Partial<Pick<ConnectionRow, 'url' | 'headers' | 'experts'>>,
): Promise<ConnectionRow | undefined> {
  if (!Object.keys(change).length) return findConnection(db, id);
  const [row] = await db.update(connections).set(change).where(eq(connections.id, id)).returning();
  return row;
}

export async function deleteConnection(db: Db, id: string, businessId: string): Promise<boolean> {
  const rows = await db
    .delete(connections)
    .where(and(eq(connections.id, id), eq(connections.businessId, businessId)))
    .returning({ id: connections.id });
  return rows.length > 0;
}

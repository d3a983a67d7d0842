// Businesses: the ventures an owner runs; every conversation and fact belongs to one.
import { asc, eq, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type BusinessRow, businesses } from '../schema.ts';

export async function listBusinesses(db: Db): Promise<BusinessRow[]> {
  return db.select().from(businesses).orderBy(asc(businesses.createdAt), asc(businesses.id));
}

export async function findBusiness(db: Db, id: string): Promise<BusinessRow | undefined> {
  const [row] = await db.select().from(businesses).where(eq(businesses.id, id));
  return row;
}

/** The default business's id as a subquery, for statements that take a business or none. */
export const defaultBusinessId = sql<string>`(select b.id from ${businesses} b where b.is_default)`;

/** The business id the placeholder `id` holds, or the default business's when it is null. */
export const businessOrDefault = (id: Placeholder) => sql<string>`coalesce(${id}::uuid, ${defaultBusinessId})`;

/** The migration made it; the unique partial index keeps it the only one. */
export async function defaultBusiness(db: Db): Promise<BusinessRow> {
  const [row] = await db.select().from(businesses).where(eq(businesses.isDefault, true));
  if (!row) throw new Error('the default business is missing: the database was not migrated');
  return row;
}

export async function createBusiness(db: Db, name: string): Promise<BusinessRow> {
  const [row] = await db.insert(businesses).values({ name }).returning();
  return row!;
}

export async function renameBusiness(db: Db, id: string, name: string): Promise<BusinessRow | undefined> {
  const [row] = await db.update(businesses).set({ name }).where(eq(businesses.id, id)).returning();
  return row;
}

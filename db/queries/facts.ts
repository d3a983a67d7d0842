// The facts of a business profile. Only current facts (forgotten_at null) are ever read for a
// model or changed; forgetting keeps the row, so a forgotten fact cannot come back by an update.
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { ReadSource } from '../../shared/read-source.ts';
import type { Db } from '../client.ts';
import { preparedFor } from '../prepared.ts';
import { conversations, type FactRow, facts } from '../schema.ts';
import { businessOrDefault } from './businesses.ts';

/** Who wrote a fact: an expert during a turn, or the owner. */
export type FactSource =
  | { kind: 'agent'; agent: string; conversationId: string | null; turnId: string | null }
  | { kind: 'user' };

const current = (businessId: string | SQL) => and(eq(facts.businessId, businessId), isNull(facts.forgottenAt));

export function sourceColumns(source: FactSource) {
  return source.kind === 'agent'
    ? { sourceKind: 'agent' as const, agent: source.agent, conversationId: source.conversationId, turnId: source.turnId }
    : { sourceKind: 'user' as const, agent: null, conversationId: null, turnId: null };
}

/** Newest first: what the profile panel shows. */
export async function listCurrentFacts(db: Db, businessId: string): Promise<FactRow[]> {
  return db.select().from(facts).where(current(businessId)).orderBy(desc(facts.updatedAt), desc(facts.id));
}

/** The facts most worth a model's attention, best first: the owner's own, then the newest. */
const bestFactsOf = (db: Db, businessId: SQL) =>
  db
    .select()
    .from(facts)
    .where(current(businessId))
    .orderBy(sql`(${facts.sourceKind} = 'user') desc`, desc(facts.updatedAt), desc(facts.id))
    .limit(sql.placeholder('limit'));

const bestFacts = preparedFor((db) => bestFactsOf(db, businessOrDefault(sql.placeholder('businessId'))).prepare('recall_facts'));

const bestFactsOfConversation = preparedFor((db) =>
  bestFactsOf(
    db,
    sql`(select c.business_id from ${conversations} c where c.id = ${sql.placeholder('conversationId')}::uuid)`,
  ).prepare('recall_facts_of_conversation'),
);

/** `businessId` null: the default business's facts, as a conversation created without one gets. */
export async function recallFacts(db: Db, businessId: string | null, limit: number): Promise<FactRow[]> {
  return bestFacts(db).execute({ businessId, limit });
}

/** recallFacts for the business a conversation belongs to: no need to have read the conversation first. */
export async function recallFactsOfConversation(db: Db, conversationId: string, limit: number): Promise<FactRow[]> {
  return bestFactsOfConversation(db).execute({ conversationId, limit });
}

export async function findCurrentFact(db: Db, id: string): Promise<FactRow | undefined> {
  const [row] = await db
    .select()
    .from(facts)
    .where(and(eq(facts.id, id), isNull(facts.forgottenAt)));
  return row;
}

/**
 * Current facts of this business whose id starts with `ref` (the short id the model is shown, or a
 * whole id; hex digits and dashes only, checked by the caller); two rows mean it is ambiguous.
 */
export async function findFactByRef(db: Db, businessId: string, ref: string): Promise<FactRow[]> {
  const pattern = `${ref}%`;
  return db
    .select()
    .from(facts)
    .where(and(current(businessId), sql`${facts.id}::text like ${pattern}`))
    .limit(2);
}

export async function findSameFact(db: Db, businessId: string, text: string): Promise<FactRow | undefined> {
  const [row] = await db
    .select()
    .from(facts)
    .where(and(current(businessId), eq(facts.text, text)))
    .limit(1);
  return row;
}

export async function addFact(
  db: Db,
  params: { businessId: string; text: string; source: FactSource; learnedFrom?: ReadSource[] },
): Promise<FactRow> {
  const [row] = await db
    .insert(facts)
    .values({
      businessId: params.businessId,
      text: params.text,
      ...sourceColumns(params.source),
      learnedFrom: params.learnedFrom ?? [],
    })
    .returning();
  return row!;
}

export async function forgetFact(db: Db, id: string): Promise<FactRow | undefined> {
  const [row] = await db
    .update(facts)
    .set({ forgottenAt: sql`now()` })
    .where(and(eq(facts.id, id), isNull(facts.forgottenAt)))
    .returning();
  return row;
}

/** Facts each turn wrote that are still current: the routing detail shows them. */
export async function factsTaughtIn(db: Db, turnIds: string[]): Promise<FactRow[]> {
  if (!turnIds.length) return [];
  return db
    .select()
    .from(facts)
    .where(and(inArray(facts.turnId, turnIds), isNull(facts.forgottenAt)))
    .orderBy(facts.createdAt);
}

// Changing a fact keeps what it said: the old text, who wrote it and when go to fact_versions in
// the same transaction. A model's change to a fact the owner wrote or confirmed becomes a proposal
// instead, and only the owner's accept applies it.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ReadSource } from '../../shared/read-source.ts';
import type { Db } from '../client.ts';
import { type FactProposalRow, type FactRow, type FactVersionRow, factProposals, facts, factVersions } from '../schema.ts';
import { type FactSource, sourceColumns } from './facts.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Change = { text: string; source: FactSource; learnedFrom?: ReadSource[]; confirmed?: boolean };

/** The owner's own words, or a model's text the owner accepted: no model may overwrite these. */
export const ownedByOwner = (fact: FactRow) => fact.sourceKind === 'user' || fact.confirmedAt !== null;

async function lockCurrent(tx: Tx, id: string): Promise<FactRow | undefined> {
  const [row] = await tx
    .select()
    .from(facts)
    .where(and(eq(facts.id, id), isNull(facts.forgottenAt)))
    .for('update');
  return row;
}

async function replace(tx: Tx, old: FactRow, change: Change): Promise<FactRow> {
  const { id: _id, businessId: _b, createdAt: _c, updatedAt, forgottenAt: _f, ...kept } = old;
  await tx.insert(factVersions).values({ ...kept, factId: old.id, writtenAt: updatedAt });
  const [row] = await tx
    .update(facts)
    .set({
      text: change.text,
      ...sourceColumns(change.source),
      learnedFrom: change.learnedFrom ?? [],
      confirmedAt: change.confirmed ? sql`now()` : null,
      updatedAt: sql`now()`,
    })
    .where(eq(facts.id, old.id))
    .returning();
  return row!;
}

/** The owner's edit: the new text is theirs. Undefined when no current fact has this id. */
export async function updateFact(db: Db, params: Change & { id: string }): Promise<FactRow | undefined> {
  return db.transaction(async (tx) => {
    const old = await lockCurrent(tx, params.id);
    return old && replace(tx, old, params);
  });
}

export type Revision =
  | { kind: 'updated'; fact: FactRow }
  | { kind: 'proposed'; proposal: FactProposalRow; fact: FactRow }
  | { kind: 'gone' };

/** A model's change: applied to a fact a model wrote, proposed for one the owner wrote or confirmed. */
export async function reviseFact(
  db: Db,
  params: { id: string; text: string; source: Extract<FactSource, { kind: 'agent' }>; learnedFrom: ReadSource[] },
): Promise<Revision> {
  return db.transaction(async (tx) => {
    const old = await lockCurrent(tx, params.id);
    if (!old) return { kind: 'gone' };
    if (!ownedByOwner(old)) return { kind: 'updated', fact: await replace(tx, old, params) };
    const [same] = await tx
      .select()
      .from(factProposals)
      .where(and(eq(factProposals.factId, old.id), eq(factProposals.status, 'pending'), eq(factProposals.text, params.text)));
    if (same) return { kind: 'proposed', proposal: same, fact: old };
    const { source } = params;
    const [proposal] = await tx
      .insert(factProposals)
      .values({
        factId: old.id,
        text: params.text,
        agent: source.agent,
        conversationId: source.conversationId,
        turnId: source.turnId,
        learnedFrom: params.learnedFrom,
      })
      .returning();
    return { kind: 'proposed', proposal: proposal!, fact: old };
  });
}

export type Decision =
  | { kind: 'accepted'; fact: FactRow }
  | { kind: 'dismissed' }
  | { kind: 'unknown' }
  | { kind: 'decided'; status: FactProposalRow['status'] }
  | { kind: 'gone' };

/** The owner's answer to a proposal; the first decision wins. Accepted, its text becomes the fact's, confirmed. */
export async function decideProposal(db: Db, params: { id: string; accept: boolean }): Promise<Decision> {
  return db.transaction(async (tx) => {
    const [proposal] = await tx.select().from(factProposals).where(eq(factProposals.id, params.id)).for('update');
    if (!proposal) return { kind: 'unknown' };
    if (proposal.status !== 'pending') return { kind: 'decided', status: proposal.status };
    const settle = (status: 'accepted' | 'dismissed') =>
      tx.update(factProposals).set({ status, decidedAt: sql`now()` }).where(eq(factProposals.id, proposal.id));
    if (!params.accept) {
      await settle('dismissed');
      return { kind: 'dismissed' };
    }
    const old = await lockCurrent(tx, proposal.factId);
    if (!old) return { kind: 'gone' };
    const source = {
      kind: 'agent' as const,
      agent: proposal.agent,
      conversationId: proposal.conversationId,
      turnId: proposal.turnId,
    };
    const fact = await replace(tx, old, { text: proposal.text, source, learnedFrom: proposal.learnedFrom, confirmed: true });
    await settle('accepted');
    return { kind: 'accepted', fact };
  });
}

/** Proposals waiting for the owner, on this business's current facts, oldest first. */
export async function pendingProposals(db: Db, businessId: string): Promise<(FactProposalRow & { currentText: string })[]> {
  const rows = await db
    .select({ proposal: factProposals, currentText: facts.text })
    .from(factProposals)
    .innerJoin(facts, eq(facts.id, factProposals.factId))
    .where(and(eq(facts.businessId, businessId), isNull(facts.forgottenAt), eq(factProposals.status, 'pending')))
    .orderBy(factProposals.createdAt, factProposals.id);
  return rows.map((row) => ({ ...row.proposal, currentText: row.currentText }));
}

/** A fact's earlier versions, newest first. */
export async function factVersionsOf(db: Db, factId: string): Promise<FactVersionRow[]> {
  return db
    .select()
    .from(factVersions)
    .where(eq(factVersions.factId, factId))
    .orderBy(desc(factVersions.replacedAt), desc(factVersions.id));
}

/** The earlier versions of a business's current facts, each fact's newest first (for its export). */
export async function factVersionsOfBusiness(db: Db, businessId: string): Promise<FactVersionRow[]> {
  const rows = await db
    .select({ version: factVersions })
    .from(factVersions)
    .innerJoin(facts, eq(facts.id, factVersions.factId))
    .where(and(eq(facts.businessId, businessId), isNull(facts.forgottenAt)))
    .orderBy(factVersions.factId, desc(factVersions.replacedAt), desc(factVersions.id));
  return rows.map((row) => row.version);
}

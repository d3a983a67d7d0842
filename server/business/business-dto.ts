// Businesses and profile facts as the API shows them: plain JSON, dates as ISO strings.
import type { FactSource } from '../../db/queries/facts.ts';
import type { BusinessRow, FactProposalRow, FactRow, FactVersionRow } from '../../db/schema.ts';
import type { ReadSource } from '../../shared/read-source.ts';

export type BusinessDto = { id: string; name: string; isDefault: boolean; createdAt: string };
/**
 * `learnedFrom`: what the writing turn had read (a file, web results) before it wrote the text;
 * `confirmedAt`: when the owner accepted a model's text, which makes it theirs.
 */
export type FactDto = {
  id: string;
  text: string;
  source: FactSource;
  learnedFrom: ReadSource[];
  confirmedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
/** A model's change to a fact the owner wrote or confirmed, waiting for profile.accept or profile.dismiss. */
export type ProposalDto = {
  id: string;
  factId: string;
  /** The fact's text now, which stays until the owner accepts. */
  currentText: string;
  text: string;
  source: Extract<FactSource, { kind: 'agent' }>;
  learnedFrom: ReadSource[];
  createdAt: string;
};
/** One text a fact had, with its writer; `replacedAt` null for the text it has now. */
export type FactVersionDto = {
  text: string;
  source: FactSource;
  learnedFrom: ReadSource[];
  confirmedAt: string | null;
  writtenAt: string;
  replacedAt: string | null;
};

export function toBusinessDto(row: BusinessRow): BusinessDto {
  return { id: row.id, name: row.name, isDefault: row.isDefault, createdAt: row.createdAt.toISOString() };
}

export function sourceOf(row: Pick<FactRow, 'sourceKind' | 'agent' | 'conversationId' | 'turnId'>): FactSource {
  if (row.sourceKind === 'user') return { kind: 'user' };
  return { kind: 'agent', agent: row.agent ?? '', conversationId: row.conversationId, turnId: row.turnId };
}

export function toFactDto(row: FactRow): FactDto {
  return {
    id: row.id,
    text: row.text,
    source: sourceOf(row),
    learnedFrom: row.learnedFrom,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toProposalDto(row: FactProposalRow & { currentText: string }): ProposalDto {
  return {
    id: row.id,
    factId: row.factId,
    currentText: row.currentText,
    text: row.text,
    source: { kind: 'agent', agent: row.agent, conversationId: row.conversationId, turnId: row.turnId },
    learnedFrom: row.learnedFrom,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The fact as it is now, then its earlier texts, newest first. */
export function toHistoryDto(fact: FactRow, versions: FactVersionRow[]): FactVersionDto[] {
  const now = { ...fact, writtenAt: fact.updatedAt, replacedAt: null };
  return [now, ...versions].map((v) => ({
    text: v.text,
    source: sourceOf(v),
    learnedFrom: v.learnedFrom,
    confirmedAt: v.confirmedAt?.toISOString() ?? null,
    writtenAt: v.writtenAt.toISOString(),
    replacedAt: v.replacedAt?.toISOString() ?? null,
  }));
}

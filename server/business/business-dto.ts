// Businesses and profile facts as the API shows them: plain JSON, dates as ISO strings.
import type { FactSource } from '../../db/queries/facts.ts';
import type { BusinessRow, FactRow } from '../../db/schema.ts';

export type BusinessDto = { id: string; name: string; isDefault: boolean; createdAt: string };
export type FactDto = { id: string; text: string; source: FactSource; createdAt: string; updatedAt: string };

export function toBusinessDto(row: BusinessRow): BusinessDto {
  return { id: row.id, name: row.name, isDefault: row.isDefault, createdAt: row.createdAt.toISOString() };
}

export function sourceOf(row: FactRow): FactSource {
  if (row.sourceKind === 'user') return { kind: 'user' };
  return { kind: 'agent', agent: row.agent ?? '', conversationId: row.conversationId, turnId: row.turnId };
}

export function toFactDto(row: FactRow): FactDto {
  return {
    id: row.id,
    text: row.text,
    source: sourceOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// Documents as the API shows them: plain JSON, dates as ISO strings.
import type { DocumentAuthor, DocumentInfo, VersionInfo, WrittenDocument } from '../../db/queries/documents.ts';
import type { DocumentRow } from '../../db/schema.ts';
import { type ParsedTable, parseTable } from './gfm-table.ts';

export type DocumentDto = {
  id: string;
  businessId: string;
  title: string;
  kind: DocumentRow['kind'];
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type VersionDto = { version: number; author: DocumentAuthor; note: string | null; createdAt: string };

/** documents.get: `content` is the version asked for (`contentVersion`), else the current one. */
export type DocumentDetailDto = DocumentDto & {
  content: string;
  contentVersion: number;
  /** A table's cells, for a grid editor. */
  table?: ParsedTable;
  versions: VersionDto[];
};

/** A document a reply's turn wrote or updated: the card under the reply. */
export type DocumentRefDto = { documentId: string; title: string; kind: DocumentRow['kind']; version: number; agent: string };

export function toDocumentDto(row: DocumentInfo): DocumentDto {
  return {
    id: row.id,
    businessId: row.businessId,
    title: row.title,
    kind: row.kind,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toVersionDto(row: VersionInfo): VersionDto {
  return { version: row.version, author: row.author, note: row.note, createdAt: row.createdAt.toISOString() };
}

export function toDocumentDetailDto(
  row: DocumentInfo,
  content: { version: number; text: string },
  versions: VersionInfo[],
): DocumentDetailDto {
  const table = row.kind === 'table' ? parseTable(content.text) : undefined;
  return {
    ...toDocumentDto(row),
    content: content.text,
    contentVersion: content.version,
    ...(table && typeof table !== 'string' ? { table } : {}),
    versions: versions.map(toVersionDto),
  };
}

/** One card per document, at the newest version the turn wrote. */
export function toDocumentRefs(written: readonly (WrittenDocument | DocumentRefDto)[]): DocumentRefDto[] {
  const latest = new Map<string, DocumentRefDto>();
  for (const { documentId, title, kind, version, agent } of written) {
    const seen = latest.get(documentId);
    if (!seen || seen.version < version) latest.set(documentId, { documentId, title, kind, version, agent });
  }
  return [...latest.values()];
}

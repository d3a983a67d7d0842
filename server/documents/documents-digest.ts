// The business's documents as every model call lists them: one line each (title, id, kind,
// version, last update), newest first, within a share of the profile's token budget, so "update
// the content calendar" finds its document in any conversation. Contents are read on demand.
import type { DocumentInfo } from '../../db/queries/documents.ts';

export const DOCUMENTS_HEADER =
  'Documents of this business (read_document reads one, update_document makes a new version; newest first):';

/** The documents' share of the profile budget: facts keep the rest, and any room documents leave. */
export const DOCUMENTS_SHARE = 0.4;

/** A line costs at least this many tokens (a UUID alone is more), so this many rows fill any budget. */
const MIN_LINE_TOKENS = 20;

export function documentsToRead(budget: number): number {
  return Math.ceil((budget * DOCUMENTS_SHARE) / MIN_LINE_TOKENS) + 1;
}

const line = (doc: DocumentInfo) =>
  `- "${doc.title}" id ${doc.id}, ${doc.kind}, version ${doc.version}, updated ${doc.updatedAt.toISOString().slice(0, 10)}`;

export type DocumentsDigest = { text: string; tokens: number; documentIds: string[] };

export function documentsDigest(
  newestFirst: readonly DocumentInfo[],
  budget: number,
  tokensOf: (text: string) => number,
): DocumentsDigest | null {
  const lines: string[] = [];
  const ids: string[] = [];
  let tokens = tokensOf(DOCUMENTS_HEADER) + 1;
  for (const doc of newestFirst) {
    const text = line(doc);
    const cost = tokensOf(text) + 1;
    if (tokens + cost > budget) break;
    tokens += cost;
    lines.push(text);
    ids.push(doc.id);
  }
  if (!lines.length) return null;
  return { text: [DOCUMENTS_HEADER, ...lines].join('\n'), tokens, documentIds: ids };
}

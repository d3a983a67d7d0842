// How a document's versions are named in the SPA: "version 2 · updated by Producing".
import type { RouterOutputs } from '../../api-types.ts';

export type DocumentDetail = RouterOutputs['documents']['get'];
export type VersionItem = DocumentDetail['versions'][number];
export type DocumentRef = { documentId: string; title: string; kind: string; version: number; agent: string };

export function authorName(author: VersionItem['author']): string {
  return author.kind === 'user' ? 'you' : author.agent;
}

/** "written by Producing" for a first version, "updated by …" after it. */
export function byline(version: number, who: string): string {
  return `${version === 1 ? 'written' : 'updated'} by ${who}`;
}

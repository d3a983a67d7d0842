// What a document may hold, checked before anything is stored; each refusal is one sentence
// naming the field, for the owner (BAD_REQUEST) and for an expert (its tool's output) alike.
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TITLE_CHARS } from '../../shared/limits.ts';
import { DomainError } from '../errors.ts';
import { parseTable } from './gfm-table.ts';

export const DOCUMENT_KINDS = ['markdown', 'table'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const invalid = (message: string) => new DomainError('DOCUMENT_INVALID', { message });

/** The title as stored: one line, trimmed. */
export function checkTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (!clean) throw invalid('title: is empty; give the document a short title such as "Production plan"');
  if (clean.length > MAX_DOCUMENT_TITLE_CHARS) {
    throw invalid(`title: is ${clean.length} characters; keep it under ${MAX_DOCUMENT_TITLE_CHARS}`);
  }
  if (clean.includes('\u0000') || LONE_SURROGATE.test(clean)) throw invalid('title: contains characters that are not text');
  return clean;
}

export function checkContent(kind: DocumentKind, content: string): void {
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw invalid(
      `content: is ${Math.ceil(bytes / 1024).toLocaleString('en')} KB; a document holds at most ${MAX_DOCUMENT_BYTES / 1024} KB, so split it into several documents`,
    );
  }
  if (!content.trim()) throw invalid('content: is empty; write the document before saving it');
  if (content.includes('\u0000') || LONE_SURROGATE.test(content)) {
    throw invalid('content: contains characters that are not text (a NUL byte or a broken emoji); remove them');
  }
  if (kind === 'table') {
    const table = parseTable(content);
    if (typeof table === 'string') throw invalid(table);
  }
}

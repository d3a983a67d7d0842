// An upload's text, as passages: a PDF's text layer page by page, CSV rows, Markdown or plain text,
// each within the read limits. Runs in the document worker, never on the server's own thread.
import { parse } from 'csv-parse/sync';
import type { DocumentType, TextEncoding } from './detect-type.ts';
import { type Passage, rowPassages, textPassages } from './passages.ts';
import type { ReadLimits } from './read-limits.ts';

export type Unread = 'no-text' | 'unreadable' | 'too-many-pages' | 'too-many-rows' | 'too-long';

export type Extracted = { ok: true; passages: Passage[]; chars: number; pages?: number } | { ok: false; reason: Unread };

export async function extractPassages(
  type: DocumentType,
  content: Uint8Array,
  encoding: TextEncoding,
  limits: ReadLimits,
): Promise<Extracted> {
  if (type === 'pdf') return pdfPassages(content, limits);
  // A decoder drops the byte-order mark; Windows-1252 and UTF-16 become the same text as UTF-8.
  const text = new TextDecoder(encoding).decode(content);
  if (text.length > limits.chars) return { ok: false, reason: 'too-long' };
  if (type === 'csv') return csvPassages(text, limits);
  return withText(textPassages(text), text.trim().length);
}

async function pdfPassages(content: Uint8Array, limits: ReadLimits): Promise<Extracted> {
  const pages: string[] = [];
  try {
    // pdf.js is large: loaded with the first PDF, not when the worker starts.
    const { getDocumentProxy } = await import('unpdf');
    // pdf.js takes ownership of (detaches) the buffer it is given. verbosity 0: no console noise.
    const pdf = await getDocumentProxy(content, { verbosity: 0 });
    try {
      if (pdf.numPages > limits.pages) return { ok: false, reason: 'too-many-pages' };
      let chars = 0;
      // One page at a time, so a file past the character limit stops at the page that passed it.
      for (let n = 1; n <= pdf.numPages; n++) {
        const { items } = await (await pdf.getPage(n)).getTextContent();
        const page = items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join('')
          // Postgres text cannot hold NUL, which some PDFs' text layers contain.
          .replaceAll('\u0000', '');
        chars += page.length;
        if (chars > limits.chars) return { ok: false, reason: 'too-long' };
        pages.push(page);
      }
    } finally {
      await pdf.loadingTask.destroy();
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const passages = pages.flatMap((page, index) =>
    textPassages(page).map((passage) => ({ ...passage, location: `page ${index + 1}` })),
  );
  const chars = pages.reduce((sum, page) => sum + page.trim().length, 0);
  const extracted = withText(passages, chars);
  return extracted.ok ? { ...extracted, pages: pages.length } : extracted;
}

function csvPassages(text: string, limits: ReadLimits): Extracted {
  let rows: string[][];
  try {
    // One record past the limit is enough to know the file has too many.
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, to: limits.rows + 2 }) as string[][];
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (rows.length > limits.rows + 1) return { ok: false, reason: 'too-many-rows' };
  return withText(rowPassages(rows), text.trim().length);
}

function withText(passages: Passage[], chars: number): Extracted {
  return passages.length ? { ok: true, passages, chars } : { ok: false, reason: 'no-text' };
}

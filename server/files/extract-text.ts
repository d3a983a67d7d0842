// An upload's text, as passages: a PDF's text layer page by page, CSV rows, Markdown or plain text.
import { parse } from 'csv-parse/sync';
import type { DocumentType } from './detect-type.ts';
import { type Passage, rowPassages, textPassages } from './passages.ts';

export type Extracted =
  | { ok: true; passages: Passage[]; chars: number; pages?: number }
  | { ok: false; reason: 'no-text' | 'unreadable' };

export async function extractPassages(type: DocumentType, content: Buffer): Promise<Extracted> {
  if (type === 'pdf') return pdfPassages(content);
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  if (type === 'csv') return csvPassages(text);
  return withText(textPassages(text), text.trim().length);
}

async function pdfPassages(content: Buffer): Promise<Extracted> {
  let pages: string[];
  try {
    // pdf.js is large: loaded with the first PDF, not at start-up.
    const { extractText, getDocumentProxy } = await import('unpdf');
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given. verbosity 0: no console noise.
    const pdf = await getDocumentProxy(new Uint8Array(content), { verbosity: 0 });
    try {
      // Postgres text cannot hold NUL, which some PDFs' text layers contain.
      pages = (await extractText(pdf, { mergePages: false })).text.map((page) => page.replaceAll('\u0000', ''));
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

function csvPassages(text: string): Extracted {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  return withText(rowPassages(rows), text.trim().length);
}

function withText(passages: Passage[], chars: number): Extracted {
  return passages.length ? { ok: true, passages, chars } : { ok: false, reason: 'no-text' };
}

// documents.export: the document as a file, Markdown as it is stored, or a table as CSV.
import { stringify } from 'csv-stringify/sync';
import type { DocumentRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';
import { type ExportFile, slug } from '../export/export-conversation.ts';
import { parseTable } from './gfm-table.ts';

export type DocumentExportFormat = 'markdown' | 'csv';

export function exportDocument(doc: DocumentRow, format: DocumentExportFormat): ExportFile {
  const base = `${slug(doc.title) || 'document'}-v${doc.version}`;
  if (format === 'markdown') {
    const content = doc.content.endsWith('\n') ? doc.content : `${doc.content}\n`;
    return { filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', content };
  }
  const table = doc.kind === 'table' ? parseTable(doc.content) : null;
  if (!table || typeof table === 'string') throw new DomainError('DOCUMENT_NOT_A_TABLE');
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', content: stringify([table.header, ...table.rows]) };
}

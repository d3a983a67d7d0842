// conversations.export: one conversation as a file a person can keep, in JSON or Markdown.
import type { HistoryDto } from '../routers/load-history.ts';
import { toMarkdown } from './markdown.ts';

export type ExportFormat = 'json' | 'markdown';
export type ExportFile = { filename: string; contentType: string; content: string };

/** The JSON export is chat.history's answer with a header, so it parses back into the same types. */
export type JsonExport = { format: 'switchboard.conversation'; version: 1; exportedAt: string } & HistoryDto;

export function exportConversation(history: HistoryDto, format: ExportFormat, exportedAt: Date): ExportFile {
  const base = `${slug(history.conversation.title) || 'conversation'}-${history.conversation.id.slice(0, 8)}`;
  if (format === 'markdown') {
    return { filename: `${base}.md`, contentType: 'text/markdown; charset=utf-8', content: toMarkdown(history, exportedAt) };
  }
  const body: JsonExport = { format: 'switchboard.conversation', version: 1, exportedAt: exportedAt.toISOString(), ...history };
  return {
    filename: `${base}.json`,
    contentType: 'application/json; charset=utf-8',
    content: `${JSON.stringify(body, null, 2)}\n`,
  };
}

/** A file-name-safe version of the title: ASCII letters and digits joined by dashes. */
export function slug(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

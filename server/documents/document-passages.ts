// A document's current text as searchable passages: runs of whole lines, small enough that a
// hit quotes a useful part rather than the whole document. A table's passages repeat its header
// row, so a hit on row 40 still says what its columns are.
import type { DocumentKind } from './check-document.ts';

const PASSAGE_CHARS = 1_500;

export function documentPassages(kind: DocumentKind, title: string, content: string): string[] {
  const lines = content.split(/\r?\n/);
  const header = kind === 'table' ? lines.slice(0, 2).join('\n') : '';
  const body = kind === 'table' ? lines.slice(2) : lines;
  const passages: string[] = [];
  let current = header;
  const flush = () => {
    if (current.trim() && current !== header) passages.push(current);
    current = header;
  };
  for (const line of body.flatMap((l) => pieces(l))) {
    if (current.length + line.length + 1 > PASSAGE_CHARS) flush();
    current = current ? `${current}\n${line}` : line;
  }
  flush();
  // The title is searchable too: "the production plan" finds a document whose text never says so.
  return passages.length ? [`${title}\n${passages[0]}`, ...passages.slice(1)] : [title];
}

/** A line longer than a passage, in passage-sized pieces. */
function pieces(line: string): string[] {
  if (line.length <= PASSAGE_CHARS) return [line];
  const out: string[] = [];
  for (let at = 0; at < line.length; at += PASSAGE_CHARS) out.push(line.slice(at, at + PASSAGE_CHARS));
  return out;
}

// A table document is one GFM table with one header row; parsed with remark (never a regex), so
// what is accepted is exactly what the SPA and any Markdown viewer render as that table.
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type ParsedTable = { header: string[]; rows: string[][] };

const parser = unified().use(remarkParse).use(remarkGfm);
type Table = Extract<ReturnType<typeof parser.parse>['children'][number], { type: 'table' }>;

/** A cell's text as written, without its pipes; an escaped pipe is a pipe. */
function cellText(source: string, cell: Table['children'][number]['children'][number]): string {
  const start = cell.position?.start.offset ?? 0;
  const end = cell.position?.end.offset ?? 0;
  const raw = source.slice(start, end).trim().replace(/^\|/, '');
  const inner = raw.endsWith('|') && !raw.endsWith('\\|') ? raw.slice(0, -1) : raw;
  return inner.trim().replaceAll('\\|', '|');
}

/** The table, or a sentence saying why the content is not one table with matching rows. */
export function parseTable(content: string): ParsedTable | string {
  const tree = parser.parse(content);
  const [table, ...rest] = tree.children;
  if (table?.type !== 'table' || rest.length) {
    return 'content: a table must be one Markdown (GFM) table and nothing else: a header row, a separator row such as |---|---|, then one row per line';
  }
  const [head, ...body] = table.children;
  const header = head!.children.map((cell) => cellText(content, cell));
  const columns = header.length;
  const bad = body.findIndex((row) => row.children.length !== columns);
  if (bad >= 0) {
    const cells = body[bad]!.children.length;
    return `content: row ${bad + 1} of the table has ${cells} cell${cells === 1 ? '' : 's'} but the header has ${columns} columns; give every row one cell per column`;
  }
  return { header, rows: body.map((row) => row.children.map((cell) => cellText(content, cell))) };
}

// Splits a document's text into passages small enough to quote as a search result, each labelled
// with where it sits in the file so an answer can cite it.
export type Passage = { location: string; text: string };

/** Long enough to hold a price list's section, short enough that five fit in one tool answer. */
export const PASSAGE_CHARS = 1200;
const ROWS_PER_PASSAGE = 20;
/** Twenty ordinary rows fit; a passage never grows past what a tool answer can quote. */
const ROW_PASSAGE_CHARS = 4 * PASSAGE_CHARS;

/** Lines gathered into passages, ending at a blank line once half full, labelled by line numbers. */
export function textPassages(text: string): Passage[] {
  const passages: Passage[] = [];
  let buffer: string[] = [];
  let size = 0;
  let first = 0;
  let last = 0;
  const flush = () => {
    const body = buffer.join('\n').trim();
    if (body) passages.push({ location: first === last ? `line ${first}` : `lines ${first}–${last}`, text: body });
    buffer = [];
    size = 0;
  };
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const blank = !line.trim();
    // A passage starts and ends on a line with text, so its label names only lines that have some.
    if (blank && size === 0) return;
    for (const piece of pieces(line)) {
      if (size > 0 && size + piece.length > PASSAGE_CHARS) flush();
      if (size === 0) first = index + 1;
      buffer.push(piece);
      size += piece.length + 1;
      if (!blank) last = index + 1;
    }
    if (blank && size > PASSAGE_CHARS / 2) flush();
  });
  flush();
  return passages;
}

/**
 * A line longer than a passage (a PDF page often is one, a CSV row may be megabytes) is cut at word
 * boundaries, or anywhere when it has none, never inside a surrogate pair.
 */
function pieces(line: string, max = PASSAGE_CHARS): string[] {
  if (line.length <= max) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    let at = cut > max / 2 ? cut : max;
    if (isHighSurrogate(rest.charCodeAt(at - 1))) at -= 1;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * CSV rows as "column: value" lines, so every passage carries the header's words ("supplier",
 * "price") and a search for them finds the rows. `rows[0]` is the header.
 */
export function rowPassages(rows: string[][]): Passage[] {
  const [header = [], ...body] = rows;
  const passages: Passage[] = [];
  let lines: string[] = [];
  let size = 0;
  let first = 0;
  let last = 0;
  const flush = () => {
    if (lines.length) passages.push({ location: rowsLabel(first, last), text: lines.join('\n') });
    lines = [];
    size = 0;
  };
  body.forEach((row, index) => {
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const number = index + 2;
    const line = row
      .map((cell, i) => (header[i] ? `${header[i]}: ${cell}` : cell))
      .filter((cell) => cell.trim())
      .join('; ');
    if (!line.trim()) return;
    // A row too long to share a passage gets passages of its own, each labelled with its row.
    if (line.length > ROW_PASSAGE_CHARS) {
      flush();
      for (const piece of pieces(line)) passages.push({ location: `row ${number}`, text: piece });
      return;
    }
    if (lines.length === ROWS_PER_PASSAGE || size + line.length > ROW_PASSAGE_CHARS) flush();
    if (!lines.length) first = number;
    lines.push(line);
    last = number;
    size += line.length + 1;
  });
  flush();
  return passages;
}

function rowsLabel(first: number, last: number): string {
  return first === last ? `row ${first}` : `rows ${first}–${last}`;
}

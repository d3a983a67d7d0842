// Splits a document's text into passages small enough to quote as a search result, each labelled
// with where it sits in the file so an answer can cite it.
export type Passage = { location: string; text: string };

/** Long enough to hold a price list's section, short enough that five fit in one tool answer. */
export const PASSAGE_CHARS = 1200;
const ROWS_PER_PASSAGE = 20;

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

/** A line longer than a passage (a PDF page often is one) is cut at word boundaries. */
function pieces(line: string): string[] {
  if (line.length <= PASSAGE_CHARS) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > PASSAGE_CHARS) {
    const cut = rest.lastIndexOf(' ', PASSAGE_CHARS);
    const at = cut > PASSAGE_CHARS / 2 ? cut : PASSAGE_CHARS;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * CSV rows as "column: value" lines, so every passage carries the header's words ("supplier",
 * "price") and a search for them finds the rows. `rows[0]` is the header.
 */
export function rowPassages(rows: string[][]): Passage[] {
  const [header = [], ...body] = rows;
  const passages: Passage[] = [];
  for (let at = 0; at < body.length; at += ROWS_PER_PASSAGE) {
    const chunk = body.slice(at, at + ROWS_PER_PASSAGE);
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const first = at + 2;
    const last = at + chunk.length + 1;
    const text = chunk
      .map((row) =>
        row
          .map((cell, i) => (header[i] ? `${header[i]}: ${cell}` : cell))
          .filter((cell) => cell.trim())
          .join('; '),
      )
      .join('\n');
    if (text.trim()) passages.push({ location: first === last ? `row ${first}` : `rows ${first}–${last}`, text });
  }
  return passages;
}

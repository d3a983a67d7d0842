// What a table document accepts (one GFM table, rows matching the header) and how a document is
// cut into passages for search.
import { describe, expect, it } from 'vitest';
import { documentPassages } from '../../server/documents/document-passages.ts';
import { parseTable } from '../../server/documents/gfm-table.ts';

describe('a table document', () => {
  it('reads cells as written, an escaped pipe as a pipe, and a table with only its header', () => {
    expect(parseTable('| Item | Note |\n|:--|--:|\n| Mug | a \\| b |\n|  | **bold** |')).toEqual({
      header: ['Item', 'Note'],
      rows: [
        ['Mug', 'a | b'],
        ['', '**bold**'],
      ],
    });
    expect(parseTable('| Item | Price |\n|---|---|')).toEqual({ header: ['Item', 'Price'], rows: [] });
  });

  it('refuses text around the table, a missing separator row and rows of the wrong width, saying which', () => {
    expect(parseTable('| a | b |\n|---|---|\n| 1 | 2 |\n\nA note')).toMatch(
      /^content: a table must be one Markdown \(GFM\) table and nothing else/,
    );
    expect(parseTable('a,b\n1,2')).toMatch(/^content: a table must be one/);
    expect(parseTable('| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 | 5 |')).toBe(
      'content: row 2 of the table has 3 cells but the header has 2 columns; give every row one cell per column',
    );
  });
});

describe('document passages', () => {
  it('cuts long text at line ends, the title in the first passage', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `Step ${i}: throw, trim and glaze the next batch of mugs.`);
    const passages = documentPassages('markdown', 'Production plan', lines.join('\n'));
    expect(passages.length).toBeGreaterThan(10);
    expect(passages[0]!.startsWith('Production plan\nStep 0:')).toBe(true);
    expect(passages.every((p) => p.length <= 1_600)).toBe(true);
    expect(passages.join('\n')).toContain('Step 399: throw');
  });

  it('repeats a table’s header row in every passage, so a hit says what its columns are', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `| Mug ${i} | ${20 + (i % 9)} EUR |`);
    const passages = documentPassages('table', 'Prices', ['| Product | Price |', '|---|---|', ...rows].join('\n'));
    expect(passages.length).toBeGreaterThan(2);
    for (const passage of passages.slice(1)) expect(passage.startsWith('| Product | Price |\n|---|---|\n| Mug')).toBe(true);
  });
});

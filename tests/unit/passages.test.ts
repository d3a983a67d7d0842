// How documents are cut into passages: labels a person can check in the file, nothing lost.
import { expect, it } from 'vitest';
import { detectType } from '../../server/files/detect-type.ts';
import { PASSAGE_CHARS, rowPassages, textPassages } from '../../server/files/passages.ts';

it('labels passages by the lines that hold text and keeps every word', () => {
  const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ${'word '.repeat(40)}`.trim());
  const text = `\n\n${paragraphs.join('\n\n')}\n\n`;
  const passages = textPassages(text);
  expect(passages.length).toBeGreaterThan(1);
  expect(passages[0]!.location).toMatch(/^lines 3–\d+$/);
  for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(PASSAGE_CHARS + 1);
  expect(
    passages
      .map((p) => p.text)
      .join(' ')
      .match(/Paragraph \d+/g),
  ).toHaveLength(12);
});

it('cuts one enormous line (a PDF page often is one) at word boundaries', () => {
  const line = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' ');
  const passages = textPassages(line);
  expect(passages.length).toBeGreaterThan(5);
  expect(passages.every((p) => p.location === 'line 1')).toBe(true);
  expect(passages.map((p) => p.text).join(' ')).toBe(line);
});

it('groups CSV rows under their header, numbered as a spreadsheet shows them', () => {
  const rows = [['item', 'price'], ...Array.from({ length: 45 }, (_, i) => [`thing ${i}`, `${i}.00`])];
  const passages = rowPassages(rows);
  expect(passages.map((p) => p.location)).toEqual(['rows 2–21', 'rows 22–41', 'rows 42–46']);
  expect(passages[2]!.text.split('\n')[0]).toBe('item: thing 40; price: 40.00');
});

it('decides the type by the bytes, not only the name', () => {
  const text = Buffer.from('a,b\n1,2\n');
  expect(detectType('prices.csv', text)).toMatchObject({ ok: true, type: 'csv' });
  expect(detectType('README', text)).toMatchObject({ ok: true, type: 'text' });
  expect(detectType('notes.MD', text)).toMatchObject({ ok: true, type: 'markdown' });
  expect(detectType('scan', Buffer.from('%PDF-1.4'))).toMatchObject({ ok: true, type: 'pdf' });
  expect(detectType('prices.csv', Buffer.from('%PDF-1.4'))).toEqual({ ok: false, reason: 'unsupported' });
  expect(detectType('app', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toEqual({ ok: false, reason: 'executable' });
  expect(detectType('a.txt', Buffer.from([0x61, 0x00, 0x62]))).toEqual({ ok: false, reason: 'unsupported' });
  expect(detectType('a.txt', Buffer.from([0xc3, 0x28, 0x01]))).toEqual({ ok: false, reason: 'unsupported' });
});

it('names the encoding Excel wrote: UTF-16 by its byte-order mark, Windows-1252 when the bytes are not UTF-8', () => {
  const latin1 = Buffer.from('Café,Preis\nCrème,4\n', 'latin1');
  expect(detectType('prix.csv', latin1)).toMatchObject({
    ok: true,
    encoding: 'windows-1252',
    contentType: 'text/csv; charset=windows-1252',
  });
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café,Preis\n', 'utf16le')]);
  expect(detectType('prix.csv', utf16)).toMatchObject({ ok: true, encoding: 'utf-16le' });
  expect(detectType('prix.csv', Buffer.from('a,b\n'))).toMatchObject({
    encoding: 'utf-8',
    contentType: 'text/csv; charset=utf-8',
  });
  // Without a mark, UTF-16's NUL bytes read as binary: refused rather than guessed.
  expect(detectType('prix.csv', Buffer.from('Café,Preis\n', 'utf16le'))).toEqual({ ok: false, reason: 'unsupported' });
});

it('cuts a row longer than a passage into passages of its own, each under the limit and labelled with its row', () => {
  const long = Array.from({ length: 200_000 }, (_, i) => `w${i}`).join(' ');
  const rows = [
    ['note', 'id'],
    ['short', '1'],
    [long, '2'],
    ['after', '3'],
  ];
  const passages = rowPassages(rows);
  expect(passages[0]).toEqual({ location: 'row 2', text: 'note: short; id: 1' });
  expect(passages.at(-1)).toEqual({ location: 'row 4', text: 'note: after; id: 3' });
  const middle = passages.slice(1, -1);
  expect(middle.length).toBeGreaterThan(1000);
  expect(middle.every((p) => p.location === 'row 3' && p.text.length <= PASSAGE_CHARS)).toBe(true);
  expect(middle.map((p) => p.text).join(' ')).toBe(`note: ${long}; id: 2`);
});

it('never cuts a character in two, even in a line without spaces', () => {
  const passages = textPassages('😀'.repeat(5000));
  expect(passages.length).toBeGreaterThan(1);
  for (const p of passages) expect(Buffer.from(p.text).toString()).toBe(p.text); // a lone surrogate would not survive UTF-8
  expect(passages.map((p) => p.text).join('')).toBe('😀'.repeat(5000));
});

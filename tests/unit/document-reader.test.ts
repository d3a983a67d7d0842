// The document worker's limits, each one passed on purpose: the file is refused with its reason,
// and the next file is read by a fresh worker as if nothing had happened.
import { expect, it } from 'vitest';
import { DocumentReader } from '../../server/files/document-reader.ts';
import { READ_LIMITS } from '../../server/files/read-limits.ts';
import { billionLaughsPdf, PRICE_LIST_PAGES, textPdf } from '../support/test-files.ts';

const notes = Buffer.from('Wax from Hive & Co.\n');

it('stops a worker that takes too long, and reads the next file with a fresh one', async () => {
  const reader = new DocumentReader({ ...READ_LIMITS, timeMs: 1_000 });
  const laughs = reader.read('laughs.pdf', await billionLaughsPdf());
  const next = reader.read('notes.txt', notes);
  expect(await laughs).toEqual({ ok: false, reason: 'too-slow' });
  expect(await next).toMatchObject({ ok: true, chars: notes.toString().trim().length });
});

it('stops a worker that needs more memory than its heap limit', async () => {
  const reader = new DocumentReader({ ...READ_LIMITS, memoryMb: 16 });
  const wide = `${Array.from({ length: 300_000 }, (_, i) => `column${i}`).join(',')}\n${'x,'.repeat(300_000)}\n`;
  expect(await reader.read('wide.csv', Buffer.from(wide))).toEqual({ ok: false, reason: 'too-big' });
  expect(await reader.read('notes.txt', notes)).toMatchObject({ ok: true });
});

it('refuses files past the page, row and character limits, and reads those within them', async () => {
  const reader = new DocumentReader({ ...READ_LIMITS, pages: 1, rows: 3, chars: 100 });
  expect(await reader.read('prices.pdf', await textPdf(PRICE_LIST_PAGES))).toEqual({ ok: false, reason: 'too-many-pages' });
  expect(await reader.read('rows.csv', Buffer.from('a\n1\n2\n3\n4\n'))).toEqual({ ok: false, reason: 'too-many-rows' });
  expect(await reader.read('rows.csv', Buffer.from('a\n1\n2\n3\n'))).toMatchObject({
    ok: true,
    passages: [{ location: 'rows 2–4' }],
  });
  expect(await reader.read('long.txt', Buffer.alloc(101, 'a'))).toEqual({ ok: false, reason: 'too-long' });
  expect(await reader.read('short.txt', Buffer.alloc(100, 'a'))).toMatchObject({ ok: true, chars: 100 });
});

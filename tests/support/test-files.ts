// Real files made in the test: PDFs with and without a text layer (pdf-lib), a CSV, a Markdown
// note, a tiny PNG, and an image service that draws it (or fails) without any network.
import { drawObject, PDFDocument, type PDFRef, StandardFonts } from 'pdf-lib';
import type { ImageService } from '../../server/agents/images.ts';

/** One page per entry; each entry's lines are drawn as text. */
export async function textPdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 18, size: 12, font }));
  }
  return Buffer.from(await doc.save());
}

/** What a scanner makes: pages with only a drawing on them, no text layer. */
export async function scannedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 600, width: 300, height: 150 });
  page.drawCircle({ x: 200, y: 400, size: 60 });
  return Buffer.from(await doc.save());
}

export const PRICE_LIST_PAGES = [
  [
    'Lumen & Wick - supplier price list 2026',
    'Soy wax flakes from Hive & Co: 4.20 EUR per kg',
    'Minimum order 25 kg, delivery in 5 days',
  ],
  ['Cotton wicks from WickWorks: 0.08 EUR each', 'Amber glass jars from Vitra Glass: 1.10 EUR each'],
];

export const SUPPLIERS_CSV = [
  'item,supplier,price_eur,lead_time_days',
  'soy wax,Hive & Co,4.20,5',
  'cotton wicks,WickWorks,0.08,3',
  'amber jars,Vitra Glass,1.10,10',
  'fragrance oil,Scentual,18.50,7',
].join('\n');

export const NOTES_MD = `# Launch notes

## Markets
The Saturday farmers market in Ghent takes stalls at 35 EUR a day.

## Packaging
Labels are printed by PrintPal on recycled paper, 500 labels for 60 EUR.
`;

/** A 1x1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A Windows program's first bytes. */
export const EXECUTABLE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(126),
  Buffer.from('This program cannot be run in DOS mode.'),
]);

export type FakeImages = ImageService & { prompts: string[] };

/** Draws TINY_PNG for every prompt, or fails with `failWith`. */
export function fakeImageService(options: { perTurn?: number; failWith?: string; maxBytes?: number } = {}): FakeImages {
  const prompts: string[] = [];
  return {
    mode: 'openai',
    model: 'gpt-image-2.6-flare',
    perTurn: options.perTurn ?? 4,
    maxBytes: options.maxBytes ?? 1024 * 1024,
    prompts,
    async draw({ prompt }) {
      prompts.push(prompt);
      if (options.failWith) throw new Error(options.failWith);
      return { content: TINY_PNG, usage: { inputTokens: 100, outputTokens: 1000 } };
    },
  };
}

/**
 * The "billion laughs" of PDF: form XObjects that each draw the one below ten times, nine levels
 * deep, the last drawing one word: about 3 KB that ask a reader to lay out 10⁹ words.
 */
export async function billionLaughsPdf(levels = 9): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const { context } = doc;
  const form = (content: string, resources: Record<string, Record<string, PDFRef>>) =>
    context.register(context.stream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 595, 842], Resources: resources }));
  let inner = form('BT /F1 12 Tf 50 780 Td (lol) Tj ET', { Font: { F1: font.ref } });
  for (let level = 0; level < levels; level++) inner = form('/X Do '.repeat(10), { XObject: { X: inner } });
  const page = doc.addPage([595, 842]);
  page.pushOperators(drawObject(page.node.newXObject('X', inner)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// Files where people look for them: a PDF attached from the composer (the button, or a drop)
// uploads to the business, rides on the message as a chip, and the answer drawn from it cites the
// file and page, the citation opening the file. Phone and desktop, light and dark, axe-clean.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openWatchedPage, type WatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { composer, POLL, replies, userMessages } from '../support/chat-page.ts';
import { onEachScreen } from '../support/each-screen.ts';
import type { ChatRequest, FakeReply } from '../support/fake-openai.ts';
import { messageTexts } from '../support/fake-openai.ts';
import { DESKTOP } from '../support/phone.ts';
import { NOTES_MD, PRICE_LIST_PAGES, textPdf } from '../support/test-files.ts';

/** Strategic looks the price up in the owner's files, then answers with it. */
function lookingUp(request: ChatRequest): FakeReply {
  const transfer = request.tools?.find((t) => t.function.name === 'transfer_to_Strategic');
  if (transfer) return { toolCalls: [{ name: transfer.function.name, arguments: { reason: 'Pricing.' } }] };
  const searched = request.messages.some((m) => JSON.stringify(m.tool_calls ?? []).includes('search_files'));
  return searched
    ? { text: 'Soy wax costs 4.20 EUR per kg at Hive & Co.' }
    : { toolCalls: [{ name: 'search_files', arguments: { query: 'soy wax price' } }] };
}

describe('attaching a file from the composer', () => {
  let stack: BrowserStack;
  let desk: WatchedPage;
  let page: Page;
  let pdfPath: string;
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-attach-'));

  beforeAll(async () => {
    stack = await startBrowserStack(lookingUp);
    desk = await openWatchedPage(stack.browser, DESKTOP);
    page = desk.page;
    pdfPath = join(dir, 'price-list-2026.pdf');
    writeFileSync(pdfPath, await textPdf(PRICE_LIST_PAGES));
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => expect(desk.errors).toEqual([]));

  it('uploads a PDF picked with the attach button and sends it with the message as a chip', async () => {
    await page.goto(stack.server.url);
    await page.getByRole('button', { name: 'Attach a file' }).waitFor(POLL);
    await page.getByTestId('attach-input').setInputFiles(pdfPath);
    const chip = page.getByTestId('attachment-chip');
    await chip.waitFor(POLL);
    await expect.poll(() => chip.getByRole('progressbar').count(), POLL).toBe(0);
    expect(await chip.textContent()).toContain('price-list-');
    // It is in the business's files already.
    await page.getByTestId('files-panel').getByTestId('file-row').first().waitFor(POLL);

    await composer(page).fill('What does soy wax cost me?');
    await page.keyboard.press('Enter');
    const sent = userMessages(page).first();
    await sent.getByTestId('message-attachments').waitFor(POLL);
    expect(await sent.getByRole('link').textContent()).toContain('price-list-');
    expect(await sent.textContent()).not.toContain('/api/files/');
    expect(await page.getByTestId('composer-attachments').count()).toBe(0);
    // The expert reads which file the owner means.
    await expect
      .poll(() => stack.fake.requests.some((r) => messageTexts(r).join(' ').includes('Attached: [price-list-')), POLL)
      .toBe(true);
  });

  it('cites the file and page in the answer drawn from it, and the citation opens the file', async () => {
    const reply = replies(page).first();
    await reply.waitFor(POLL);
    const sources = reply.getByTestId('reply-sources');
    await sources.waitFor(POLL);
    const citation = sources.getByRole('link', { name: /price-list-.*page 1/ });
    expect(await citation.getAttribute('href')).toMatch(/^\/api\/files\/[0-9a-f-]{36}#page=1$/);
    expect(await citation.getAttribute('target')).toBe('_blank');
    // What the citation opens is the PDF itself.
    const opened = await page.request.get(new URL((await citation.getAttribute('href'))!, page.url()).toString());
    expect(opened.headers()['content-type']).toContain('application/pdf');
    expect((await opened.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The tool shows in plain words.
    await reply.getByTestId('routing-detail').locator('summary').click();
    expect(await reply.getByTestId('tools').textContent()).toContain('Strategic searched your files');
  });

  it('takes a file dropped on the composer', async () => {
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'launch-notes.md', { type: 'text/markdown' }));
      const form = document.querySelector('form.composer')!;
      form.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, NOTES_MD);
    const chip = page.getByTestId('attachment-chip').filter({ hasText: 'launch-notes.md' });
    await chip.waitFor(POLL);
    await expect.poll(() => chip.getByRole('progressbar').count(), POLL).toBe(0);
    await chip.getByRole('button', { name: 'Remove launch-notes.md' }).click();
    expect(await page.getByTestId('attachment-chip').count()).toBe(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows chips and citations at 390 px and 1366 px in ${scheme}, axe-clean`, async () => {
      await onEachScreen(stack.browser, { name: 'attach', scheme }, async (shot) => {
        await shot.goto(page.url());
        await replies(shot).first().getByTestId('reply-sources').waitFor(POLL);
        await shot.getByTestId('attach-input').setInputFiles(pdfPath);
        await shot.getByTestId('attachment-chip').waitFor(POLL);
      });
    });
  }
});

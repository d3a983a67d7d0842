// The file store in the web client, on a token-protected server with an Images endpoint: upload a
// PDF from the Files panel (progress, list, delete with confirm), ask for a logo idea and see
// Creative's image inline (fetched with the token), enlarge it; desktop and phone, light and dark.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask, POLL, replies } from '../support/chat-page.ts';
import { type ChatRequest, type FakeOpenAI, type FakeReply, startFakeOpenAI } from '../support/fake-openai.ts';
import { horizontalOverflow, PHONE } from '../support/phone.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { PRICE_LIST_PAGES, TINY_PNG, textPdf } from '../support/test-files.ts';

const TOKEN = 'browser-files-token-1';
const PROMPT = 'A flame inside a circle, deep teal #2F4858 on cream';
let fake: FakeOpenAI;
let server: ServerProcess;
let browser: Browser;
let dir: string;

function logoTurn(request: ChatRequest): FakeReply {
  const transfer = request.tools?.find((t) => t.function.name === 'transfer_to_Creative');
  if (transfer) return { toolCalls: [{ name: transfer.function.name, arguments: { reason: 'A logo idea.' } }] };
  const drawn = request.messages.some((m) => JSON.stringify(m.tool_calls ?? []).includes('generate_image'));
  return drawn
    ? { text: 'Here is a **flame-in-a-circle** mark.' }
    : { toolCalls: [{ name: 'generate_image', arguments: { prompt: PROMPT } }] };
}

beforeAll(async () => {
  fake = await startFakeOpenAI(logoTurn);
  fake.setImageResponder(() => ({ image: TINY_PNG }));
  dir = mkdtempSync(join(tmpdir(), 'switchboard-browser-files-'));
  server = await startServer({
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    SWITCHBOARD_IMAGE_MODEL: 'fake-image-model',
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
    SWITCHBOARD_TOKEN: TOKEN,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('uploads a PDF from the Files panel, shows Creative’s image inline with the token, and deletes the file', async () => {
  const { page, errors } = await openWatchedPage(browser, { width: 1366, height: 900 });
  await page.addInitScript((token) => localStorage.setItem('switchboard.token', token), TOKEN);
  await page.goto(server.url);

  const pdfPath = join(dir, 'price-list.pdf');
  writeFileSync(pdfPath, await textPdf(PRICE_LIST_PAGES));
  const panel = page.getByTestId('files-panel');
  await panel.locator('input[type="file"]').setInputFiles(pdfPath);
  const row = panel.getByTestId('file-row').filter({ hasText: 'price-list.pdf' });
  await row.waitFor(POLL);
  expect(await row.textContent()).toContain('2 pages');

  await ask(page, 'Show me a logo idea');
  const image = replies(page).last().getByRole('img', { name: PROMPT });
  await image.waitFor(POLL);
  await page.waitForFunction(
    (alt) => (document.querySelector(`img[alt="${alt}"]`) as HTMLImageElement | null)?.naturalWidth === 1,
    PROMPT,
  );
  // Loaded through an object URL: an <img> cannot send the token itself.
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  expect(await image.getAttribute('loading')).toBe('lazy');
  await page.screenshot({ path: '/tmp/spa-files-desktop.png' });

  await page.getByRole('button', { name: `Enlarge image: ${PROMPT}` }).click();
  const dialog = page.getByRole('dialog', { name: PROMPT });
  await dialog.waitFor();
  expect(await dialog.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('a-flame-inside-a-circle-deep.png');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The drawn image is listed too; delete the PDF, confirming first.
  await panel.getByTestId('file-row').filter({ hasText: PROMPT }).waitFor(POLL);
  await row.getByRole('button', { name: 'Delete price-list.pdf' }).click();
  await row.getByRole('button', { name: 'Delete file' }).click();
  await row.waitFor({ state: 'detached', ...POLL });
  expect(errors).toEqual([]);
});

it('fits a phone in dark mode: the image scales to the column, nothing scrolls sideways', async () => {
  const { page, errors } = await openWatchedPage(browser, PHONE);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.addInitScript((token) => localStorage.setItem('switchboard.token', token), TOKEN);
  await page.goto(server.url);
  await ask(page, 'Another logo idea please');
  const image = replies(page).last().getByRole('img', { name: PROMPT });
  await image.waitFor(POLL);
  const box = (await image.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(PHONE.width);
  expect(await horizontalOverflow(page)).toBe(0);
  await page.screenshot({ path: '/tmp/spa-files-phone-dark.png' });
  await page.getByRole('button', { name: 'Usage, profile & memory' }).click();
  await page.getByTestId('files-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/spa-files-panel-phone-dark.png' });
  expect(errors).toEqual([]);
});

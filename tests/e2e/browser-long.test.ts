// A long history in the browser: 1,000 messages, virtualized, opened at the newest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { POLL } from '../support/chat-page.ts';
import { seedLongConversation } from '../support/seed-long-conversation.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

describe('a 1,000-message conversation in Chromium', () => {
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let conversationId: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
    conversationId = await seedLongConversation(dataDir, 'Quarterly planning', 500);
    server = await startServer({ SWITCHBOARD_DATA_DIR: dataDir });
    browser = await launchChromium();
    ({ page, errors } = await openWatchedPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => expect(errors).toEqual([]));

  it('opens a 1,000-message conversation at its end, rendering only the rows in view', async () => {
    await page.goto(`${server.url}/c/${conversationId}`);
    const list = page.getByRole('log', { name: 'Messages' });
    const last = page.getByText(/^Answer 500\./);
    await last.waitFor();
    await expect.poll(() => inView(list, last), POLL).toBe(true);
    const rendered = await page.getByTestId('message').count();
    expect(rendered).toBeGreaterThan(2);
    expect(rendered).toBeLessThan(60);
    await page.screenshot({ path: '/tmp/spa-long.png' });

    await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
    // Mid-way, where nothing was measured yet, rows are in place rather than a blank gap.
    const visibleRows = () =>
      list.evaluate((element) => {
        const view = element.getBoundingClientRect();
        return [...element.querySelectorAll('[data-testid="message"]')].filter((row) => {
          const box = row.getBoundingClientRect();
          return box.bottom > view.top && box.top < view.bottom;
        }).length;
      });
    await expect.poll(visibleRows, POLL).toBeGreaterThan(1);
    await list.evaluate((element) => element.scrollTo({ top: 0 }));
    const first = page.getByText('Question 1', { exact: true });
    await first.waitFor();
    await expect.poll(() => inView(list, first), POLL).toBe(true);
    expect(await page.getByTestId('message').count()).toBeLessThan(60);
  });
});

/** Whether the element lies wholly inside the scrolling list's visible area. */
async function inView(list: Locator, element: Locator): Promise<boolean> {
  const [outer, inner] = await Promise.all([list.boundingBox(), element.boundingBox()]);
  if (!outer || !inner) return false;
  return inner.y >= outer.y - 1 && inner.y + inner.height <= outer.y + outer.height + 1;
}

// Real Chromium (found by find-chromium.ts) through playwright-core, and a page that records every
// error it meets.
import { type Browser, chromium, type Page } from 'playwright-core';
import { findChromium } from './find-chromium.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type WatchedPage = { page: Page; errors: string[] };

/** Page errors and console errors land in `errors`; a test asserts the list stays empty. */
export async function openWatchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { page, errors };
}

/** A promise the test settles by hand: holds a fake model's stream mid-answer. */
export function gate(): { until: Promise<void>; open: () => void } {
  let open!: () => void;
  const until = new Promise<void>((resolve) => (open = resolve));
  return { until, open };
}

// One page at 390 px and at 1366 px in a colour scheme: each drawn by `visit`, then checked with
// axe, screenshot to /tmp/shots-spa/<size>-<name>-<scheme>.png, and free of page errors.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousViolations } from './axe.ts';
import { openWatchedPage } from './browser.ts';
import { DESKTOP, PHONE } from './phone.ts';

const SIZES = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;

export async function onEachScreen(
  browser: Browser,
  options: { name: string; scheme: 'light' | 'dark' },
  visit: (page: Page) => Promise<void>,
): Promise<void> {
  for (const [size, viewport] of SIZES) {
    const shot = await openWatchedPage(browser, viewport);
    await shot.page.emulateMedia({ colorScheme: options.scheme });
    await visit(shot.page);
    expect(await seriousViolations(shot.page)).toEqual([]);
    await shot.page.screenshot({ path: `/tmp/shots-spa/${size}-${options.name}-${options.scheme}.png` });
    expect(shot.errors).toEqual([]);
    await shot.page.context().close();
  }
}

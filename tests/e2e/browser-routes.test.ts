// Addresses, focus and loading as a keyboard user meets them: unknown paths and ids get a "not
// found" page with a way back, focus returns to what opened a dialog or form, Esc closes them, the
// skip link always has a target, headings go in order, and loading shows placeholders with nothing
// editable. Light and dark, 390 px and 1366 px, axe-clean.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openWatchedPage, type WatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, composer, idFromUrl, POLL, replies } from '../support/chat-page.ts';
import { onEachScreen } from '../support/each-screen.ts';
import { plannedTurns } from '../support/fake-openai.ts';
import { DESKTOP } from '../support/phone.ts';

const SHOTS = '/tmp/shots-spa';

/** What has the keyboard focus, by its accessible name (or text). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim() : null;
  });

/** The skip link's target exists on this page. */
const skipTarget = (page: Page) =>
  page.evaluate(() => {
    const link = document.querySelector<HTMLAnchorElement>('.skip-link');
    return Boolean(link && document.querySelector(link.getAttribute('href')!));
  });

/** Heading levels in document order, visible or not (a screen reader lists them all). */
const headingLevels = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));

describe('routes, focus and loading in the web client', () => {
  let stack: BrowserStack;
  let desk: WatchedPage;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    stack = await startBrowserStack(plannedTurns([{ route: 'Strategic', reason: 'Pricing.', reply: 'Charge **24 EUR**.' }]));
    desk = await openWatchedPage(stack.browser, DESKTOP);
    page = desk.page;
    await page.goto(stack.server.url);
    await ask(page, 'How should I price candles?');
    await replies(page).first().waitFor(POLL);
    conversationId = idFromUrl(page);
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(desk.errors).toEqual([]));

  it('answers unknown paths and ids with a "not found" page and a way back', async () => {
    for (const [path, heading] of [
      ['/c/not-a-uuid', 'Page not found'],
      ['/agents/Foo', 'Page not found'],
      ['/settings/nothing', 'Page not found'],
      ['/c/0b7c4c58-0000-4000-8000-000000000000', 'Conversation not found'],
    ] as const) {
      await page.goto(stack.server.url + path);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor(POLL);
      // No technical sentence meant for API callers, no composer to send into nothing.
      expect(await page.locator('body').textContent()).not.toMatch(/conversationId|sending without/);
      expect(await composer(page).count()).toBe(0);
      expect(await skipTarget(page)).toBe(true);
    }
    await page.getByRole('link', { name: 'Back to a new chat' }).click();
    await page.getByRole('heading', { name: 'What are you working on?' }).waitFor(POLL);
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('gives the skip link a target on the chat and on an expert’s page', async () => {
    await page.goto(`${stack.server.url}/c/${conversationId}`);
    await replies(page).first().waitFor(POLL);
    expect(await skipTarget(page)).toBe(true);
    await page.goto(`${stack.server.url}/agents/Strategic`);
    await page.getByTestId('agent-page').waitFor(POLL);
    expect(await skipTarget(page)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('returns focus to the control that opened the Delete dialog, and Esc closes it', async () => {
    await page.goto(`${stack.server.url}/c/${conversationId}`);
    await replies(page).first().waitFor(POLL);
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('dialog').waitFor(POLL);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Conversation actions');
  });

  it('moves focus into the "Wrong expert?" form and back to its button when Esc closes it', async () => {
    await page.getByRole('button', { name: 'Wrong expert?' }).click();
    const form = page.getByRole('form', { name: 'Mark the wrong expert' });
    await form.waitFor(POLL);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('Wrong expert?');
  });

  it('keeps headings in order with the routing detail open', async () => {
    await page.getByTestId('routing-detail').locator('summary').click();
    const levels = await headingLevels(page);
    expect(levels[0]).toBe(1);
    const jumps = levels.slice(1).filter((level, i) => level > levels[i]! + 1);
    expect(jumps).toEqual([]);
  });

  it('shows placeholders while loading, with no fact box to type into before the profile is there', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/trpc/**', async (route) => {
      if (/chat\.history|profile\.get/.test(route.request().url())) await held;
      await route.continue();
    });
    await page.goto(`${stack.server.url}/c/${conversationId}`);
    await page.getByRole('status', { name: 'Loading the conversation' }).waitFor(POLL);
    expect(await page.getByRole('textbox', { name: 'A fact about the business' }).isVisible()).toBe(false);
    expect(await composer(page).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/desktop-loading.png` });
    release();
    await replies(page).first().waitFor(POLL);
    expect(await composer(page).isEnabled()).toBe(true);
    await expect.poll(() => page.getByTestId('skeleton').count(), POLL).toBe(0);
    await page.unroute('**/api/trpc/**');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`draws the not-found page at 390 px and 1366 px in ${scheme}, axe-clean`, async () => {
      await onEachScreen(stack.browser, { name: 'not-found', scheme }, async (shot) => {
        await shot.goto(`${stack.server.url}/c/not-a-uuid`);
        await shot.getByRole('heading', { name: 'Page not found' }).waitFor(POLL);
      });
    });
  }
});

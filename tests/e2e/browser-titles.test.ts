// Names people read: a new conversation is titled by the model after its first exchange (the first
// message stays the title when that call fails), the browser tab follows the open chat, a rename
// keeps the list's order, and the business is renamed in place.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openWatchedPage, type WatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, listedTitles, nav, POLL, replies } from '../support/chat-page.ts';
import { messageTexts, plannedTurns } from '../support/fake-openai.ts';
import { DESKTOP } from '../support/phone.ts';

describe('titles in the web client', () => {
  let stack: BrowserStack;
  let desk: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack(
      plannedTurns([
        { route: 'Strategic', reply: 'Charge 24 EUR for the 200 g tin.' },
        { route: 'Media', reply: 'Post twice a week.' },
      ]),
    );
    desk = await openWatchedPage(stack.browser, DESKTOP);
    page = desk.page;
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(desk.errors).toEqual([]));

  it('titles a new chat with the model’s short summary, in the list, the header and the tab', async () => {
    stack.fake.setTitleResponder(() => ({ text: '"Candle pricing."' }));
    await page.goto(stack.server.url);
    expect(await page.title()).toBe('Switchboard');
    await ask(page, 'I make soy candles in 200 g tins, what should I charge for them at the weekend market?');
    await replies(page).first().waitFor(POLL);
    await expect.poll(() => listedTitles(page), POLL).toEqual(['Candle pricing']);
    await page.getByRole('heading', { name: 'Candle pricing', level: 1 }).waitFor(POLL);
    expect(await page.title()).toBe('Candle pricing · Switchboard');
    // The titler read the first exchange, once.
    expect(stack.fake.titleRequests).toHaveLength(1);
    expect(messageTexts(stack.fake.titleRequests[0]!).join(' ')).toContain('Charge 24 EUR');
  });

  it('keeps the first message as the title when the title call fails', async () => {
    stack.fake.setTitleResponder(() => ({ status: 400, message: 'no titles today' }));
    await nav(page).getByRole('link', { name: '+ New chat' }).click();
    await ask(page, 'How often should I post?');
    await replies(page).first().waitFor(POLL);
    await expect.poll(() => listedTitles(page), POLL).toEqual(['How often should I post?', 'Candle pricing']);
    expect(await page.title()).toBe('How often should I post? · Switchboard');
  });

  it('renames the older chat without moving it to the top', async () => {
    await nav(page).getByText('Candle pricing').click();
    await page.getByRole('heading', { name: 'Candle pricing', level: 1 }).waitFor(POLL);
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('textbox', { name: 'Conversation title' }).fill('Market prices');
    await page.keyboard.press('Enter');
    await expect.poll(() => listedTitles(page), POLL).toEqual(['How often should I post?', 'Market prices']);
    expect(await page.title()).toBe('Market prices · Switchboard');
  });

  it('renames the business in the switcher; Esc cancels and gives focus back', async () => {
    const rename = nav(page).getByRole('button', { name: 'Rename business' });
    await rename.click();
    const field = nav(page).getByRole('textbox', { name: 'New name of the business' });
    await field.press('Escape');
    await field.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Rename business');
    await rename.click();
    await field.fill('Lumen & Wick');
    await field.press('Enter');
    await expect
      .poll(() => nav(page).getByRole('combobox', { name: 'Business' }).locator('option:checked').textContent())
      .toBe('Lumen & Wick');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

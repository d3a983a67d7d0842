// The web client on a phone (390 px) and on a desktop, light and dark, as a newcomer uses it:
// the drawer, a GFM reply, rename and delete, the theme toggle, and axe-core on every screen.
// Screenshots land in /tmp/shots-spa/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openWatchedPage, type WatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, composer, listedTitles, nav, POLL, replies } from '../support/chat-page.ts';
import { plannedTurns } from '../support/fake-openai.ts';
import { DESKTOP, horizontalOverflow, PHONE, SMALL_PHONE, smallTapTargets } from '../support/phone.ts';

const SHOTS = '/tmp/shots-spa';
const QUESTION = 'Give me three pricing tiers for my candles, as a table.';
const GFM_REPLY = `Three **pricing tiers**:

| Tier | Price | Includes | Best for |
|---|---|---|---|
| Starter | €18 | One 200 g candle in a recyclable tin with a hand-written card | First-time buyers |
| Signature | €32 | Two candles in seasonal scents | Gifts |

- [x] Pick scents
- [ ] Order tins

~~Glass jars~~ are too fragile. Prices: https://example.com/pricing and [click me](javascript:alert(1)).

\`\`\`python
def price(cost, margin=0.6):
    return round(cost / (1 - margin), 2)
\`\`\``;

describe('the web client on a phone and a desktop', () => {
  let stack: BrowserStack;
  let phone: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startBrowserStack(plannedTurns([{ route: 'Strategic', reason: 'Pricing.', reply: GFM_REPLY }]));
    phone = await openWatchedPage(stack.browser, PHONE);
    page = phone.page;
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(phone.errors).toEqual([]));

  it('starts a chat from the drawer: one tap to the list, New chat and search', async () => {
    await page.goto(stack.server.url);
    await page.getByRole('heading', { name: 'What are you working on?' }).waitFor();
    expect(await nav(page).isVisible()).toBe(false);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTapTargets(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-light-home.png` });

    await page.getByRole('button', { name: 'Conversations' }).click();
    await nav(page).waitFor();
    // Search has focus at once; New chat is right there.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    expect(await smallTapTargets(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-light-drawer.png` });
    await nav(page).getByRole('link', { name: 'New chat' }).click();
    await nav(page).waitFor({ state: 'hidden' });

    await ask(page, QUESTION);
    await replies(page).first().waitFor();
    expect(page.url()).toMatch(/\/c\/[0-9a-f-]{36}$/);
  });

  it('renders a GFM reply: a table that scrolls inside the bubble, tasks, strikethrough, links, code with copy', async () => {
    const reply = replies(page).first();
    const table = reply.getByRole('table');
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Tier', 'Price', 'Includes', 'Best for']);
    expect(await table.getByRole('row').count()).toBe(3);
    expect(await reply.getByRole('img', { name: 'Done' }).count()).toBe(1);
    expect(await reply.getByRole('img', { name: 'To do' }).count()).toBe(1);
    expect(await reply.locator('del').textContent()).toBe('Glass jars');
    expect(await reply.getByRole('link', { name: 'https://example.com/pricing' }).getAttribute('href')).toBe(
      'https://example.com/pricing',
    );
    // The javascript: link is plain text: no link, nothing to click.
    expect(await reply.getByRole('link', { name: 'click me' }).count()).toBe(0);
    expect(await reply.getByText('click me').count()).toBe(1);
    expect(await page.locator('a[href^="javascript"], a[href=""]').count()).toBe(0);

    const code = reply.locator('.code-block');
    expect(await code.locator('figcaption').textContent()).toContain('python');
    await expect.poll(() => code.locator('.hljs-keyword').count(), POLL).toBeGreaterThan(0);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.server.url });
    await code.getByRole('button', { name: 'Copy python code' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'def price(cost, margin=0.6):\n    return round(cost / (1 - margin), 2)',
    );

    const scroller = reply.getByRole('region', { name: 'Table' });
    const widths = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThanOrEqual(widths.client);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTapTargets(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-light-chat.png` });
  });

  it('fits a 360 px screen without sideways scrolling, the header title still readable', async () => {
    await page.setViewportSize(SMALL_PHONE);
    expect(await horizontalOverflow(page)).toBe(0);
    const title = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(title!.width).toBeGreaterThan(120);
    await page.setViewportSize(PHONE);
  });

  it('opens usage and memory as a sheet', async () => {
    await page.getByRole('button', { name: 'Usage, profile & memory' }).click();
    const sheet = page.getByRole('complementary', { name: 'Usage, profile and memory' });
    await sheet.getByTestId('usage-Strategic').waitFor();
    expect(await sheet.getByTestId('usage-Strategic').textContent()).toContain('Time per turn');
    expect(await sheet.getByTestId('usage-Strategic').textContent()).not.toContain('Cost');
    await page.screenshot({ path: `${SHOTS}/phone-light-sheet.png` });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });

  it('renames a conversation from its menu; the header and the list follow', async () => {
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('textbox', { name: 'Conversation title' }).fill('Candle pricing');
    await page.getByRole('textbox', { name: 'Conversation title' }).press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe('Candle pricing');
    await page.getByRole('button', { name: 'Conversations' }).click();
    await expect.poll(() => listedTitles(page), POLL).toEqual(['Candle pricing']);
    await page.keyboard.press('Escape');
    await nav(page).waitFor({ state: 'hidden' });
  });

  it('switches to the dark theme, remembered across a reload, with no serious axe violation', async () => {
    await page.getByRole('button', { name: 'Conversations' }).click();
    await nav(page).getByRole('button', { name: 'Dark theme' }).click();
    expect(await nav(page).getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await page.reload();
    await replies(page).first().waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(15, 18, 23)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-dark-chat.png` });
    await page.getByRole('button', { name: 'Conversations' }).click();
    await page.screenshot({ path: `${SHOTS}/phone-dark-drawer.png` });
    await page.keyboard.press('Escape');
  });

  it('deletes a conversation after asking, and lands on a new chat', async () => {
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
    expect(await dialog.textContent()).toContain('Candle pricing');
    await page.screenshot({ path: `${SHOTS}/phone-dark-delete.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await replies(page).count()).toBe(1);

    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'What are you working on?' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('button', { name: 'Conversations' }).click();
    await expect.poll(() => nav(page).textContent(), POLL).toContain('No conversations yet.');
    expect(await listedTitles(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await composer(page).isEnabled()).toBe(true);
  });

  it.each(['light', 'dark'] as const)('has no serious axe violation on a desktop in the %s scheme', async (scheme) => {
    stack.fake.setResponder(plannedTurns([{ route: 'Creative', reason: 'Naming.', reply: GFM_REPLY }]));
    const desktop = await openWatchedPage(stack.browser, DESKTOP);
    await desktop.page.emulateMedia({ colorScheme: scheme });
    await desktop.page.goto(stack.server.url);
    if (scheme === 'light') await ask(desktop.page, QUESTION);
    else await desktop.page.getByRole('link', { name: QUESTION }).click();
    await replies(desktop.page).first().waitFor();
    await desktop.page
      .getByTestId('routing-detail')
      .getByText(/^Routing/)
      .click();
    expect(await seriousViolations(desktop.page)).toEqual([]);
    expect(await horizontalOverflow(desktop.page)).toBe(0);
    await desktop.page.screenshot({ path: `${SHOTS}/desktop-${scheme}-chat.png` });
    await desktop.page.context().close();
    expect(desktop.errors).toEqual([]);
  });
});

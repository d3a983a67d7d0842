// A reply that outlives its tab: reloading mid-reply (or opening the conversation in a second tab)
// shows it continuing live; Stop ends it, keeps the text so far marked as stopped, with Retry.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gate, openWatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, composer, POLL, replies } from '../support/chat-page.ts';
import { plannedTurns } from '../support/fake-openai.ts';
import { DESKTOP, PHONE } from '../support/phone.ts';

const LONG =
  'Start with a loyalty card: every fifth candle free, stamped at the till, with a short note about the next seasonal scent.';
const STOPPED = 'Run a scent-naming contest on Instagram and give the winner a year of candles and a feature in the shop window.';

let stack: BrowserStack;
const first = gate();
const second = gate();

beforeAll(async () => {
  stack = await startBrowserStack(
    plannedTurns([
      { route: 'Strategic', reply: LONG, hold: { afterWords: 4, until: first.until } },
      { route: 'Media', reply: STOPPED, hold: { afterWords: 5, until: second.until } },
    ]),
  );
});
afterAll(async () => {
  first.open();
  second.open();
  await stack?.close();
});

it('keeps a reply streaming through a reload and in a second tab, to the same final text', async () => {
  const { page } = stack;
  await page.setViewportSize(DESKTOP);
  await page.goto(stack.server.url);
  await ask(page, 'How do I keep customers coming back?');
  await expect.poll(() => page.getByTestId('live-reply').textContent(), POLL).toContain('Start with a loyalty');

  await page.reload();
  await expect.poll(() => page.getByTestId('live-reply').textContent(), POLL).toContain('Start with a loyalty');
  const other = await openWatchedPage(stack.browser, PHONE);
  await other.page.goto(page.url());
  await expect.poll(() => other.page.getByTestId('live-reply').textContent(), POLL).toContain('Start with a loyalty');
  await other.page.screenshot({ path: '/tmp/shots-live/phone-second-tab-mid-reply.png' });
  // Still usable for drafting meanwhile, with Stop in Send's place.
  await composer(page).fill('Next: a newsletter?');
  expect(await page.getByTestId('stop').isVisible()).toBe(true);
  await page.screenshot({ path: '/tmp/shots-live/desktop-reload-mid-reply.png' });

  first.open();
  for (const tab of [page, other.page]) {
    await expect.poll(() => replies(tab).last().textContent(), POLL).toContain('seasonal scent');
    expect(await tab.getByTestId('live-reply').count()).toBe(0);
  }
  expect(await composer(page).inputValue()).toBe('Next: a newsletter?');
  expect(other.errors).toEqual([]);
  await other.page.close();
});

it('stops a reply with Stop: the text so far stays, marked stopped, with Retry', async () => {
  const { page } = stack;
  await page.setViewportSize(PHONE);
  await composer(page).fill('');
  await ask(page, 'A fun way to grow on Instagram?');
  await expect.poll(() => page.getByTestId('live-reply').textContent(), POLL).toContain('Run a scent-naming');
  await page.screenshot({ path: '/tmp/shots-live/phone-stop-button.png' });
  await page.getByTestId('stop').click();

  await page.getByTestId('stopped-reply').waitFor(POLL);
  const kept = await replies(page).last().textContent();
  expect(kept).toContain('Run a scent-naming');
  expect(kept).not.toContain('shop window');
  expect(await page.getByTestId('stopped-reply').getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(true);
  await page.screenshot({ path: '/tmp/shots-live/phone-stopped-reply.png' });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: '/tmp/shots-live/desktop-stopped-reply.png' });
  expect(stack.errors).toEqual([]);
});

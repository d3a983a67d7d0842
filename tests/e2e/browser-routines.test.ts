// The Routines page as an owner meets it: create a weekly routine from a preset, see when it runs
// next in its time zone, run it now, find the reply unread in its conversation, pause it; on a
// phone and a desktop, light and dark. Screenshots land in /tmp/shots-routines/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openWatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { nav, POLL, replies } from '../support/chat-page.ts';
import { plannedTurns } from '../support/fake-openai.ts';
import { DESKTOP, horizontalOverflow, PHONE, smallTapTargets } from '../support/phone.ts';

const SHOTS = '/tmp/shots-routines';

describe('the Routines page in the web client', () => {
  let stack: BrowserStack;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startBrowserStack(() => ({ status: 500 }));
    ({ page, errors } = await openWatchedPage(stack.browser, DESKTOP));
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(errors).toEqual([]));

  const routinesPage = () => page.getByTestId('routines-page');
  const card = () => page.getByTestId('routine-card').first();

  it('creates a weekly routine from a preset and says when it runs next, in its time zone', async () => {
    await page.goto(stack.server.url);
    await nav(page).getByTestId('routines-link').click();
    await routinesPage().getByRole('button', { name: '+ New routine' }).click();
    const form = routinesPage().getByRole('form', { name: 'New routine' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Monday posts');
    await form.getByRole('textbox', { name: 'What it asks each time' }).fill('Plan this week’s three Instagram posts.');
    await form.getByRole('combobox', { name: 'Repeats' }).selectOption('weekly');
    await form.getByRole('combobox', { name: 'Weekday' }).selectOption({ label: 'Monday' });
    await form.getByLabel('Time', { exact: true }).fill('08:30');
    await form.getByRole('combobox', { name: 'Time zone' }).fill('America/New_York');
    await form.getByRole('combobox', { name: 'Who answers' }).selectOption('Media');
    await form.getByRole('button', { name: 'Create routine' }).click();
    await card().waitFor();
    expect(await card().textContent()).toContain('Every Monday at 08:30, America/New_York');
    expect(await card().getByTestId('routine-next-run').textContent()).toMatch(
      /^Mon, .*08:30.* \(America\/New_York\), in \d+ (days?|hours?)$/,
    );
    expect(new URL(page.url()).pathname).toBe('/routines');
  });

  it('refuses a schedule more often than every minute, in words, and keeps the form', async () => {
    await routinesPage().getByRole('button', { name: '+ New routine' }).click();
    const form = routinesPage().getByRole('form', { name: 'New routine' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Too often');
    await form.getByRole('textbox', { name: 'What it asks each time' }).fill('Ping.');
    await form.getByRole('combobox', { name: 'Repeats' }).selectOption('custom');
    await form.getByRole('textbox', { name: 'Cron expression' }).fill('* * * * * *');
    await form.getByRole('button', { name: 'Create routine' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), POLL).toContain('runs more often than once a minute');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('routine-card').count()).toBe(1);
    // The refusal is the one failed request the page made.
    expect(errors.splice(0)).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });

  it('runs now: the reply waits unread in the routine’s conversation until it is opened', async () => {
    stack.fake.setResponder(plannedTurns([{ route: 'Media', reply: 'Monday: a reel. Wednesday: a carousel. Friday: a story.' }]));
    await card().getByRole('button', { name: 'Run now' }).click();
    await card().getByTestId('routine-unread').waitFor(POLL);
    expect(await card().getByTestId('routine-unread').textContent()).toBe('1 new');
    expect(await card().textContent()).toContain('Answered');
    await expect.poll(() => nav(page).getByTestId('conversation-unread').allTextContents(), POLL).toEqual(['1 unread runs']);
    await page.screenshot({ path: `${SHOTS}/desktop-light-routines.png` });

    await card().getByRole('link', { name: 'Monday posts' }).click();
    await replies(page).first().waitFor();
    expect(await replies(page).first().textContent()).toContain('a carousel');
    await expect.poll(() => nav(page).getByTestId('conversation-unread').count(), POLL).toBe(0);
    await nav(page).getByTestId('routines-link').click();
    await expect.poll(() => card().getByTestId('routine-unread').count(), POLL).toBe(0);
  });

  it('pauses and resumes', async () => {
    await card().getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => card().getByTestId('routine-next-run').textContent(), POLL).toContain('Paused');
    await card().getByRole('button', { name: 'Past runs' }).click();
    await expect.poll(() => card().getByTestId('routine-runs').textContent(), POLL).toContain('run by hand');
    expect(await seriousViolations(page)).toEqual([]);
    await card().getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => card().getByTestId('routine-next-run').textContent(), POLL).toContain('America/New_York');
  });

  it.each(['light', 'dark'] as const)('fits a phone in the %s scheme', async (scheme) => {
    const phone = await openWatchedPage(stack.browser, PHONE);
    await phone.page.emulateMedia({ colorScheme: scheme });
    await phone.page.goto(`${stack.server.url}/routines`);
    await phone.page.getByTestId('routine-card').first().waitFor();
    await phone.page.getByRole('button', { name: 'Past runs' }).click();
    await phone.page.getByTestId('routine-runs').waitFor();
    expect(await horizontalOverflow(phone.page)).toBe(0);
    expect(await smallTapTargets(phone.page)).toEqual([]);
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/phone-${scheme}-routines.png`, fullPage: true });
    await phone.page.getByRole('button', { name: '+ New routine' }).click();
    expect(await horizontalOverflow(phone.page)).toBe(0);
    expect(await smallTapTargets(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/phone-${scheme}-new-routine.png`, fullPage: true });
    if (scheme === 'dark') {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/desktop-dark-routines.png` });
      expect(await seriousViolations(page)).toEqual([]);
    }
    await phone.page.context().close();
    expect(phone.errors).toEqual([]);
  });
});

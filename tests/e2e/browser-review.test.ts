// Reviewing past work in the browser, as a new user would: a stemmed search with its match
// highlighted, an agent's view opened from the usage panel, and a reply marked "wrong expert".
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, idFromUrl, nav, POLL, replies } from '../support/chat-page.ts';
import { plannedTurns } from '../support/fake-openai.ts';
import { query } from '../support/http-api.ts';
import { horizontalOverflow, PHONE } from '../support/phone.ts';

/** The agent view in both themes: no serious accessibility violation in either, and a screenshot of each. */
async function inBothThemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    // Reduced motion: colours change at once, so axe reads the theme and not a transition's frame.
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    expect(await seriousViolations(page), scheme).toEqual([]);
    await page.screenshot({ path: `/tmp/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

describe('reviewing past conversations by agent in the web client', () => {
  let stack: BrowserStack;
  let page: Page;
  let candleConversation: string;

  beforeAll(async () => {
    stack = await startBrowserStack(
      plannedTurns([
        { route: 'Creative', reason: 'The user wants a brand name.', reply: 'Call it **Lumen & Wick**.' },
        { route: 'Media', reason: 'Instagram growth is social media.', reply: 'Post three reels a week.' },
        { route: 'Media', reason: 'A press question is PR.', reply: 'Pitch the local paper.' },
      ]),
    );
    page = stack.page;
    await page.goto(stack.server.url);
    await ask(page, 'Suggest a brand name for my eco candle shop');
    await replies(page).nth(0).waitFor(POLL);
    candleConversation = idFromUrl(page);
    await ask(page, 'What should I charge for my candles?');
    await replies(page).nth(1).waitFor(POLL);
    await nav(page).getByRole('link', { name: '+ New chat' }).click();
    await ask(page, 'How do I get press for my bakery?');
    await page.getByText('Pitch the local paper.').waitFor(POLL);
    // The list refreshes after the reply shows: search only once it lists both conversations.
    await nav(page).getByTestId('conversation-list').getByRole('link').nth(1).waitFor(POLL);
  });
  afterAll(() => stack?.close());

  it('finds "candle shop" when searching "candles", with the matching word marked', async () => {
    await nav(page).getByRole('searchbox').fill('candles');
    const links = nav(page).getByTestId('conversation-list').getByRole('link');
    await expect.poll(() => links.count(), POLL).toBe(1);
    expect(await links.first().getAttribute('href')).toBe(`/c/${candleConversation}`);
    const marks = await links.first().getByTestId('search-snippet').locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^candles?$/i.test(m))).toBe(true);
    await nav(page).getByRole('searchbox').fill('');
  });

  it('marks a reply "wrong expert" and shows the correction on it', async () => {
    await page.goto(`${stack.server.url}/c/${candleConversation}`);
    await expect.poll(() => replies(page).count(), POLL).toBe(2);
    const mediaReply = replies(page).nth(1);
    await mediaReply.getByRole('button', { name: 'Wrong expert?' }).click();
    await mediaReply.getByLabel('Should have been').selectOption('Strategic');
    await mediaReply.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => mediaReply.getByTestId('routing-flag').textContent(), POLL).toContain('should have been');
    expect(await mediaReply.getByTestId('routing-flag').getByTestId('agent-badge').textContent()).toBe('Strategic');
    await page.screenshot({ path: '/tmp/spa-wrong-expert.png' });

    const flags = await query<{ message: string; expected: string[] }[]>(stack.server.url, 'stats.routingFlags', {});
    expect(flags.data!.map((c) => [c.message, c.expected])).toEqual([['What should I charge for my candles?', ['Strategic']]]);
  });

  it('opens Media from the usage panel: every Media turn with its reason, and the corrected one', async () => {
    const usage = page.getByTestId('agent-usage');
    await usage.getByRole('button', { name: 'All' }).click();
    await usage.getByRole('link', { name: 'Media' }).click();
    expect(new URL(page.url()).pathname).toBe('/agents/Media');
    const turns = page.getByTestId('agent-turn');
    await expect.poll(() => turns.count(), POLL).toBe(2);
    expect(await turns.nth(0).textContent()).toContain('A press question is PR.');
    expect(await turns.nth(1).textContent()).toContain('Instagram growth is social media.');
    expect(await turns.nth(1).getByTestId('agent-turn-flag').textContent()).toContain('Strategic');

    await page.getByRole('button', { name: 'Corrected routing' }).click();
    await expect.poll(() => turns.count(), POLL).toBe(1);
    await inBothThemes(page, 'spa-agent-page');

    await turns.first().getByRole('link', { name: 'What should I charge for my candles?' }).click();
    expect(new URL(page.url()).pathname).toBe(`/c/${candleConversation}`);
    expect(new URL(page.url()).searchParams.get('turn')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('.message-row[data-focused]').count(), POLL).toBe(1);
    expect(await page.locator('.message-row[data-focused]').textContent()).toContain('What should I charge for my candles?');
    expect(stack.errors).toEqual([]);
  });

  it('works on a phone: the usage panel opens the agent view, which fits the screen', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${stack.server.url}/c/${candleConversation}`);
    await page.getByRole('button', { name: 'Usage, profile & memory' }).click();
    await page.getByTestId('agent-usage').getByRole('link', { name: 'Media' }).click();
    const turns = page.getByTestId('agent-turn');
    await expect.poll(() => turns.count(), POLL).toBe(2);
    expect(await page.getByTestId('agent-usage').isVisible()).toBe(false);
    expect(await turns.first().isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await inBothThemes(page, 'spa-agent-page-phone');
    // The drawer still opens from the agent view, so the conversations are one tap away.
    await page.getByRole('button', { name: 'Conversations' }).click();
    await expect.poll(() => nav(page).isVisible(), POLL).toBe(true);
    expect(stack.errors).toEqual([]);
  });
});

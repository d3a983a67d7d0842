// A cross-domain turn in the browser: one reply covering both parts, and the routing detail
// showing Creative consulting Strategic, in order, with the question asked.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, POLL, replies } from '../support/chat-page.ts';
import { consultingModel } from '../support/consulting-model.ts';

const QUESTION = 'What launch price suits a hand-poured soy candle sold online in the EU?';

describe('a consult in the web client', () => {
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack(
      consultingModel({
        owner: 'Creative',
        peer: 'Strategic',
        question: QUESTION,
        peerAnswer: 'Launch at 24 EUR, between mass-market and artisan candles.',
        reply: 'Call it **Lumen & Wick**. For the launch, Strategic advises 24 EUR.',
      }),
    );
    page = stack.page;
  });
  afterAll(() => stack?.close());

  it('answers in one reply and shows Creative consulting Strategic with the question', async () => {
    await page.goto(stack.server.url);
    await ask(page, 'A brand name and a launch price for my soy candles, please.');
    await expect.poll(() => replies(page).count(), POLL).toBe(1);
    const reply = replies(page).first();
    expect(await reply.textContent()).toContain('Lumen & Wick');
    expect(await reply.textContent()).toContain('24 EUR');

    const detail = reply.getByTestId('routing-detail');
    // The summary names who answered and whom they asked, not the last agent in the path.
    expect(await detail.getByTestId('routing-summary').textContent()).toMatch(/^· Creative · asked Strategic · /);
    await detail.getByText(/^Routing/).click();
    const path = await detail.getByRole('region', { name: 'Path' }).getByTestId('path-agent').allTextContents();
    expect(path).toEqual(['Orchestrator', 'Creative', 'Strategic']);
    const consults = detail.getByTestId('consults');
    expect(await consults.textContent()).toContain(QUESTION);
    expect(await consults.getByTestId('agent-badge').allTextContents()).toEqual(['Creative', 'Strategic']);
    expect(await detail.textContent()).toContain('asked by Creative');
    // Tools in the owner's words, never the function names the model calls.
    expect(await detail.getByTestId('tools').textContent()).toContain('Creative asked Strategic');
    expect(await detail.textContent()).not.toContain('consult_strategic');
    // In the usage panel Strategic counts as consulted, not among those who answered.
    const usage = page.getByTestId('agent-usage');
    expect(await usage.getByTestId('usage-Strategic').textContent()).toContain('consulted 1 turn');
    expect(await usage.getByTestId('usage-Strategic').textContent()).not.toContain('answered');
    expect(await usage.getByTestId('usage-Creative').textContent()).toContain('answered 1 turn');
    await page.screenshot({ path: '/tmp/spa-consult.png' });
    expect(stack.errors).toEqual([]);
  });
});

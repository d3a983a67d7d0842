// A cross-domain turn in the browser: one reply covering both parts, and the routing detail
// showing Creative consulting Strategic, in order, with the question asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask, POLL, replies } from '../support/chat-page.ts';
import { consultingModel } from '../support/consulting-model.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const QUESTION = 'What launch price suits a hand-poured soy candle sold online in the EU?';

describe('a consult in the web client', () => {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    fake = await startFakeOpenAI(
      consultingModel({
        owner: 'Creative',
        peer: 'Strategic',
        question: QUESTION,
        peerAnswer: 'Launch at 24 EUR, between mass-market and artisan candles.',
        reply: 'Call it **Lumen & Wick**. For the launch, Strategic advises 24 EUR.',
      }),
    );
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-consult-'));
    server = await startServer({ OPENAI_BASE_URL: fake.url, SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_MODEL: 'fake-model' });
    browser = await launchChromium();
    ({ page, errors } = await openWatchedPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers in one reply and shows Creative consulting Strategic with the question', async () => {
    await page.goto(server.url);
    await ask(page, 'A brand name and a launch price for my soy candles, please.');
    await expect.poll(() => replies(page).count(), POLL).toBe(1);
    const reply = replies(page).first();
    expect(await reply.textContent()).toContain('Lumen & Wick');
    expect(await reply.textContent()).toContain('24 EUR');

    const detail = reply.getByTestId('routing-detail');
    await detail.getByText(/^Routing/).click();
    const path = await detail.getByRole('region', { name: 'Path' }).getByTestId('path-agent').allTextContents();
    expect(path).toEqual(['Orchestrator', 'Creative', 'Strategic']);
    const consults = detail.getByTestId('consults');
    expect(await consults.textContent()).toContain(QUESTION);
    expect(await consults.getByTestId('agent-badge').allTextContents()).toEqual(['Creative', 'Strategic']);
    expect(await detail.textContent()).toContain('consulted by Creative');
    await page.screenshot({ path: '/tmp/spa-consult.png' });
    expect(errors).toEqual([]);
  });
});

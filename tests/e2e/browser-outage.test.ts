// A phone user on a bad day: the server dies mid-reply and comes back on the same address.
// Nothing typed is lost, nothing spins forever, the page does not flood the missing server (its
// requests are counted at the network level), and the conversation recovers by itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask, composer, POLL, replies, userMessages } from '../support/chat-page.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { PHONE } from '../support/phone.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

// Longer than the client's give-up time (15 s) for a send that never reaches the server.
const GIVE_UP = { timeout: 30_000 };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the web client through a server outage', () => {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let env: Record<string, string>;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const hold = gate();
  /** Every request the page makes (page.on('request')), with when it was made. */
  const requests: { at: number; url: string }[] = [];
  let killedAt = 0;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }), { latencyMs: 10 });
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-outage-'));
    env = {
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'fake-model',
      SWITCHBOARD_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    };
    server = await startServer(env);
    browser = await launchChromium();
    ({ page, errors } = await openWatchedPage(browser, PHONE));
    page.on('request', (request) => requests.push({ at: Date.now(), url: request.url() }));
  });
  afterAll(async () => {
    hold.open();
    await browser?.close();
    await server?.stop();
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the reply’s place when the server dies mid-answer, and shows a banner', async () => {
    fake.setResponder(
      plannedTurns([
        {
          route: 'Media',
          reason: 'Social.',
          reply: 'Post a reel every Tuesday and Friday at noon.',
          hold: { afterWords: 3, until: hold.until },
        },
      ]),
    );
    await page.goto(server.url);
    await ask(page, 'How often should I post reels?');
    await expect.poll(() => page.getByTestId('live-reply').textContent(), POLL).toContain('Post a reel');

    await server.stop('SIGKILL');
    killedAt = Date.now();
    await page.getByTestId('connection-banner').waitFor(GIVE_UP);
    expect(await page.getByTestId('connection-banner').textContent()).toContain('Switchboard cannot be reached.');
    // Drafting goes on meanwhile.
    await composer(page).fill('And which hashtags?');
    await page.getByTestId('send-error').waitFor(GIVE_UP);
    expect(await page.getByTestId('send-error').textContent()).toContain(
      'The connection was lost while the reply was being written',
    );
    // What had streamed before the cut stays on screen.
    expect(await page.getByTestId('live-reply').textContent()).toContain('Post a reel');
    await page.screenshot({ path: '/tmp/shots-spa/phone-outage-lost.png' });
  });

  it('does not send into the void: the message says “Not sent” and its text stays in the box', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('message-state').filter({ hasText: 'Not sent' }).waitFor(GIVE_UP);
    expect(await page.getByTestId('send-error').textContent()).toContain('the message was not sent');
    expect(await composer(page).inputValue()).toBe('And which hashtags?');
    await page.screenshot({ path: '/tmp/shots-spa/phone-outage-unsent.png' });
  });

  it('checks on the missing server with backoff: about one request every few seconds, one check at a time', async () => {
    // The banner's button is never greyed out, and a press checks at once.
    const button = page.getByTestId('connection-banner').getByRole('button', { name: 'Check now' });
    expect(await button.isEnabled()).toBe(true);
    const before = requests.length;
    await button.click();
    await expect.poll(() => requests.length, POLL).toBeGreaterThan(before);
    // Past the longest backoff growth of the first half minute (1 s, 1.5 s, 2.3 s, … ±20 %).
    const waitUntil = killedAt + 40_000;
    await page.waitForTimeout(Math.max(0, waitUntil - Date.now()));
    const during = requests.filter((r) => r.at > killedAt && r.at <= waitUntil);
    const health = during.filter((r) => r.url.endsWith('/api/health'));
    // 40 s of outage: the two give-ups' reconnects (15 s each), ~8 backoff checks and one press.
    expect(during.length).toBeLessThanOrEqual(40);
    expect(health.length).toBeGreaterThanOrEqual(4);
    expect(health.length).toBeLessThanOrEqual(12);
    // Never two health checks in the same half second: one at a time, spaced out.
    const gaps = health.slice(1).map((r, i) => r.at - health[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThan(500);
  }, 60_000);

  it('recovers when the server is back: the banner goes, the cut turn can be retried, the unsent text is sent once', {
    timeout: 120_000,
  }, async () => {
    server = await startServer(env);
    // By itself, at the next check (the backoff is under 30 s by now).
    await page.getByTestId('connection-banner').waitFor({ state: 'hidden', timeout: 35_000 });
    // The turn cut by the crash comes back from history as failed, in plain words, with Retry, and
    // the words it had written stay above it.
    const failed = page.getByTestId('failed-turn');
    await failed.waitFor(POLL);
    expect(await failed.textContent()).toContain('Switchboard stopped while answering');
    expect(await page.getByTestId('cut-reply').textContent()).toContain('Post a reel');
    // "Not sent" goes once the server answers again: the text waits in the box.
    await page.getByTestId('message-state').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await composer(page).inputValue()).toBe('And which hashtags?');

    // Retry streams like a send: the reply grows on screen and Stop is there until it is done.
    const retryHold = gate();
    fake.setResponder(
      plannedTurns([
        { route: 'Media', reason: 'Social.', reply: 'Twice a week is plenty.', hold: { afterWords: 2, until: retryHold.until } },
      ]),
    );
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByTestId('live-reply').textContent(), POLL).toContain('Twice a');
    await page.getByTestId('stop').waitFor(POLL);
    await page.screenshot({ path: '/tmp/shots-spa/phone-outage-retrying.png' });
    retryHold.open();
    await replies(page).filter({ hasText: 'Twice a week is plenty.' }).waitFor(POLL);
    expect(await page.getByTestId('cut-reply').count()).toBe(0);

    fake.setResponder(plannedTurns([{ route: 'Media', reason: 'Hashtags.', reply: 'Use #candles and #handmade.' }]));
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await replies(page).filter({ hasText: '#handmade' }).waitFor(POLL);
    expect(await userMessages(page).allTextContents()).toEqual([
      expect.stringContaining('How often should I post reels?'),
      expect.stringContaining('And which hashtags?'),
    ]);
    expect(await composer(page).inputValue()).toBe('');
    await page.screenshot({ path: '/tmp/shots-spa/phone-outage-recovered.png' });
    // The only errors the page met are the browser's own reports of the refused connections.
    expect(errors.filter((error) => !/ERR_CONNECTION_REFUSED|Failed to load resource|EventSource/i.test(error))).toEqual([]);
  });
});

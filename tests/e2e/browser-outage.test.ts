// A phone user on a bad day: the server dies mid-reply and comes back on the same address.
// Nothing typed is lost, nothing spins forever, and the conversation recovers by itself.
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
    await page.getByTestId('connection-banner').waitFor(GIVE_UP);
    expect(await page.getByTestId('connection-banner').textContent()).toContain('Switchboard cannot be reached.');
    // Drafting goes on meanwhile.
    await composer(page).fill('And which hashtags?');
    await page.getByTestId('send-error').waitFor(GIVE_UP);
    expect(await page.getByTestId('send-error').textContent()).toContain(
      'The connection was lost while the reply was being written',
    );
    await page.screenshot({ path: '/tmp/shots-spa/phone-outage-lost.png' });
  });

  it('does not send into the void: the message says “Not sent” and its text stays in the box', async () => {
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('message-state').filter({ hasText: 'Not sent' }).waitFor(GIVE_UP);
    expect(await page.getByTestId('send-error').textContent()).toContain('the message was not sent');
    expect(await composer(page).inputValue()).toBe('And which hashtags?');
    await page.screenshot({ path: '/tmp/shots-spa/phone-outage-unsent.png' });
  });

  it('recovers when the server is back: the banner goes, the cut turn can be retried, the unsent text is sent once', async () => {
    server = await startServer(env);
    await page.getByTestId('connection-banner').waitFor({ state: 'hidden', timeout: 20_000 });
    // The turn cut by the crash comes back from history as failed, in plain words, with Retry.
    const failed = page.getByTestId('failed-turn');
    await failed.waitFor(POLL);
    expect(await failed.textContent()).toContain('Switchboard stopped while answering');

    fake.setResponder(plannedTurns([{ route: 'Media', reason: 'Social.', reply: 'Twice a week is plenty.' }]));
    await failed.getByRole('button', { name: 'Retry' }).click();
    await replies(page).filter({ hasText: 'Twice a week is plenty.' }).waitFor(POLL);

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

// The web client on a server protected by SWITCHBOARD_TOKEN and with no model configured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask } from '../support/chat-page.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

describe('the web client on a protected server with no model', () => {
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
    server = await startServer({ SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_TOKEN: 'open-sesame-42' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for the token once, says what to configure, and keeps a message that could not be answered', async () => {
    const { page, errors } = await openWatchedPage(browser);
    await page.goto(server.url);
    const dialog = page.getByRole('dialog', { name: 'Access token' });
    await dialog.waitFor();
    expect(await page.getByTestId('model-banner').textContent()).toMatch(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
    await page.screenshot({ path: '/tmp/spa-token.png' });
    await dialog.getByLabel('Token').fill('open-sesame-42');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => localStorage.getItem('switchboard.token'))).toBe('open-sesame-42');

    // The stream authenticates through connectionParams: the turn reaches the server and fails there.
    await ask(page, 'Hello, is anyone there?');
    const failed = page.getByTestId('failed-turn');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('No model is configured.');
    await page.reload();
    await failed.waitFor();
    expect(await page.getByRole('dialog', { name: 'Access token' }).count()).toBe(0);
    // The first requests, made before the token was known, were refused: that is the expected 401.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });
});

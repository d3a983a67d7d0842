// What a browser test stands on: a fake model, the real server on a fresh PGlite folder, Chromium
// and a page that records every error. `close()` takes it all down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWatchedPage } from './browser.ts';
import { type FakeOpenAI, type Responder, startFakeOpenAI } from './fake-openai.ts';
import { type ServerProcess, startServer } from './server-process.ts';

export type BrowserStack = {
  fake: FakeOpenAI;
  server: ServerProcess;
  browser: Browser;
  page: Page;
  errors: string[];
  close(): Promise<void>;
};

export async function startBrowserStack(responder: Responder, options: { latencyMs?: number } = {}): Promise<BrowserStack> {
  const fake = await startFakeOpenAI(responder, options);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-browser-'));
  const server = await startServer({ OPENAI_BASE_URL: fake.url, SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_MODEL: 'fake-model' });
  const browser = await launchChromium();
  const { page, errors } = await openWatchedPage(browser);
  return {
    fake,
    server,
    browser,
    page,
    errors,
    async close() {
      await browser.close();
      await server.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

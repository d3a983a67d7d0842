// The pending call in the web client, with the test shop (a real MCP server over stdio) named in
// SWITCHBOARD_MCP_CONFIG: the card says who wants to do what, with which arguments; Approve runs
// the write once and the reply follows, Reject runs nothing; the Connections panel lists the shop.
// Desktop light and phone (390 px) dark; screenshots in /tmp/shots-mcp/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask, POLL, replies } from '../support/chat-page.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { shopConfig } from '../support/mcp/shop-config.ts';
import { shopkeeper } from '../support/mcp/shopkeeper.ts';
import { DESKTOP, horizontalOverflow, PHONE } from '../support/phone.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

const SHOTS = '/tmp/shots-mcp';
let fake: FakeOpenAI;
let server: ServerProcess;
let browser: Browser;
let dir: string;
let runs: () => string[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'switchboard-browser-mcp-'));
  const config = shopConfig(dir);
  runs = config.runs;
  fake = await startFakeOpenAI(shopkeeper);
  server = await startServer({
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
    SWITCHBOARD_DATA_DIR: join(dir, 'data'),
    SWITCHBOARD_MCP_CONFIG: config.path,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('shows the pending call on a desktop, and Approve runs it once and brings the reply', async () => {
  const { page, errors } = await openWatchedPage(browser, DESKTOP);
  await page.goto(server.url);
  await ask(page, 'Create a 10% spring discount code');
  const card = page.getByTestId('approval-card');
  await card.waitFor(POLL);
  expect(await card.textContent()).toContain('Producing wants to create discount on shop.');
  expect(await card.locator('dd').allTextContents()).toEqual(['SPRING10', '10']);
  expect(runs()).toEqual([]);
  const connections = page.getByTestId('connections-panel');
  await connections.scrollIntoViewIfNeeded();
  expect(await connections.textContent()).toContain('create_discount — writes, asks first');
  expect(await connections.textContent()).toContain('list_orders — reads, runs at once');
  await page.screenshot({ path: `${SHOTS}/desktop-light-card.png` });
  await connections.screenshot({ path: `${SHOTS}/desktop-light-connections.png` });

  await card.getByRole('button', { name: 'Approve' }).click();
  await replies(page).filter({ hasText: 'Done: SPRING10 gives 10% off.' }).waitFor(POLL);
  expect(await page.getByTestId('approval-card').count()).toBe(0);
  expect(runs()).toHaveLength(1);
  await page.screenshot({ path: `${SHOTS}/desktop-light-approved.png` });
  expect(errors).toEqual([]);
  await page.close();
});

it('fits the card on a 390 px phone in dark mode, and Reject runs nothing', async () => {
  const { page, errors } = await openWatchedPage(browser, PHONE);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.url);
  await ask(page, 'Create a 10% spring discount code');
  const card = page.getByTestId('approval-card');
  await card.waitFor(POLL);
  expect(await horizontalOverflow(page)).toBe(0);
  await page.screenshot({ path: `${SHOTS}/phone-dark-card.png` });

  await card.getByRole('button', { name: 'Reject' }).click();
  await replies(page).filter({ hasText: 'I did not create it.' }).waitFor(POLL);
  expect(runs()).toHaveLength(1);
  await page.screenshot({ path: `${SHOTS}/phone-dark-rejected.png` });
  expect(errors).toEqual([]);
  await page.close();
});

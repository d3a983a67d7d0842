// The pending call in the web client, with the test shop (a real MCP server over stdio) named in
// SWITCHBOARD_MCP_CONFIG: the card says who wants to do what, with which arguments; Approve runs
// the write once and the reply follows, Reject runs nothing; the Connections panel lists the shop.
// A remote server added with a wrong address is fixed in place. Desktop light and phone (390 px)
// dark; screenshots in /tmp/shots-mcp/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask, POLL, replies } from '../support/chat-page.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { shopConfig } from '../support/mcp/shop-config.ts';
import { serveShop } from '../support/mcp/shop-http.ts';
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

/** A port nothing listens on: a server that is down. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

it('adds a remote server with a wrong address, shows why it fails, and a new address brings its tools', async () => {
  const shop = await serveShop(join(dir, 'remote.log'));
  try {
    const { page, errors } = await openWatchedPage(browser, DESKTOP);
    await page.goto(server.url);
    const panel = page.getByTestId('connections-panel');
    await panel.getByText('Add a remote server').click();
    const add = panel.getByRole('form', { name: 'Add a remote connection' });
    await add.getByLabel('Name').fill('calendar');
    await add.getByLabel('Server URL').fill(`http://127.0.0.1:${await closedPort()}/mcp`);
    await add.getByLabel('Access token (optional)').fill('first-secret');
    await add.getByLabel('Producing').check();
    await add.getByRole('button', { name: 'Add connection' }).click();
    const calendar = panel.getByTestId('connection').filter({ hasText: 'calendar' });
    await calendar.locator('.status-error').waitFor(POLL);

    await calendar.getByText('Change address or token').click();
    const edit = calendar.getByRole('form', { name: 'Change calendar' });
    await edit.getByLabel('New server URL').fill(shop.url);
    await edit.getByLabel('New access token').fill('second-secret');
    await edit.getByRole('button', { name: 'Save' }).click();
    await calendar.getByText('list_orders — reads, runs at once').waitFor(POLL);
    expect(await calendar.locator('.status-error').count()).toBe(0);
    // The new token is what the server now gets; neither is ever shown back.
    expect(shop.requests.at(-1)?.headers.authorization).toBe('Bearer second-secret');
    expect(await page.content()).not.toMatch(/first-secret|second-secret/);
    await calendar.screenshot({ path: `${SHOTS}/desktop-light-edited-connection.png` });
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await shop.close();
  }
});

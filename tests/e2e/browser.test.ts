// The web client as a person uses it: real Chromium against the real server, whose model is a
// local OpenAI-compatible fake. Screenshots land in /tmp/spa-*.png.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gate, openWatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, composer, idFromUrl, listedTitles, nav, POLL, replies, userMessages } from '../support/chat-page.ts';
import { type FakeOpenAI, plannedTurns } from '../support/fake-openai.ts';
import type { ServerProcess } from '../support/server-process.ts';

const BRAND_QUESTION = 'Can you suggest a brand name for my candle shop?';
const MEDIA_QUESTION = 'What should I post first on Instagram?';
const XSS = '<img src=x onerror="window.__xss=1">';

describe('the web client in Chromium', () => {
  let stack: BrowserStack;
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let page: Page;
  let errors: string[];
  let brandConversation: string;
  let mediaConversation: string;

  beforeAll(async () => {
    stack = await startBrowserStack(() => ({ status: 500 }), { latencyMs: 20 });
    ({ fake, server, page, errors } = stack);
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(errors).toEqual([]));

  it('streams a reply: the Creative badge and the first words show before the answer is complete', async () => {
    const hold = gate();
    fake.setResponder(
      plannedTurns([
        {
          route: 'Creative',
          reason: 'The user wants a brand name.',
          reply: 'How about **Lumen & Wick**? It speaks of warm light and careful craft, and the domain is short.',
          hold: { afterWords: 3, until: hold.until },
        },
      ]),
    );
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'What are you working on?' }).waitFor();
    await page.screenshot({ path: '/tmp/spa-home.png' });
    await ask(page, BRAND_QUESTION);

    const live = page.getByTestId('live-reply');
    await expect.poll(() => live.getByTestId('agent-badge').textContent(), POLL).toBe('Creative');
    await expect.poll(() => live.textContent(), POLL).toContain('How about');
    expect(await live.textContent()).not.toContain('domain is short');
    // The box stays open for drafting while the reply streams; sending waits for it: Stop takes
    // Send's place until the reply is done.
    expect(await composer(page).isEnabled()).toBe(true);
    await composer(page).fill('A draft while it streams');
    expect(await page.getByRole('button', { name: 'Send', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Stop', exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/spa-streaming.png' });
    hold.open();

    await replies(page).first().waitFor();
    expect(await replies(page).first().getByTestId('agent-badge').textContent()).toBe('Creative');
    expect(await replies(page).first().locator('strong').textContent()).toBe('Lumen & Wick');
    expect(await live.count()).toBe(0);
    expect(page.url()).toMatch(/\/c\/[0-9a-f-]{36}$/);
    brandConversation = idFromUrl(page);
    await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).isEnabled(), POLL).toBe(true);
    expect(await composer(page).inputValue()).toBe('A draft while it streams');
    await composer(page).fill('');
    await expect.poll(() => listedTitles(page), POLL).toContain(BRAND_QUESTION);
  });

  it('shows the routing detail of a turn: path, reason, tokens, latency and model', async () => {
    const reply = replies(page).first();
    const detail = reply.getByTestId('routing-detail');
    await detail.getByText(/^Routing/).click();
    const path = await detail.getByRole('region', { name: 'Path' }).getByTestId('path-agent').allTextContents();
    expect(path).toEqual(['Orchestrator', 'Creative']);
    const text = await detail.textContent();
    expect(text).toContain('The user wants a brand name.');
    expect(text).toMatch(/[\d,]+ in \/ [\d,]+ out \/ [\d,]+ total/);
    expect(text).toMatch(/[\d,]+ of the input served from the prompt cache \(\d+%\)/);
    expect(text).toContain('fake-model');
    expect(await detail.getByTestId('routing-route').textContent()).toBe('handoff');
    expect(text).toContain('No tools used.');
    expect(text).toContain('unknown for this model');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await reply.getByRole('button', { name: 'Copy reply' }).click();
    await expect.poll(() => reply.getByRole('button', { name: /reply$/ }).textContent(), POLL).toBe('Copied reply');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^How about \*\*Lumen & Wick\*\*\?/);
    await page.screenshot({ path: '/tmp/spa-routing.png' });
  });

  it('downloads the conversation with its routing record as Markdown and JSON', async () => {
    const actions = page.getByRole('button', { name: 'Conversation actions' });
    await actions.click();
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('group', { name: 'Download conversation' })
        .getByRole('button', { name: /Markdown/ })
        .click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/\.md$/);
    const text = await readFile((await markdown.path())!, 'utf8');
    expect(text).toContain(BRAND_QUESTION);
    expect(text).toContain('The user wants a brand name.');

    await actions.click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: 'Download conversation' }).getByRole('button', { name: /JSON/ }).click(),
    ]);
    const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(exported.turns[0].handoffs[0]).toMatchObject({ to: 'Creative', reason: 'The user wants a brand name.' });
  });

  it('shows markup in a message and in a reply as literal text, never as elements', async () => {
    fake.setResponder(plannedTurns([{ route: 'Creative', reply: `You wrote ${XSS} and it stays text.` }]));
    await composer(page).fill('Is this safe?');
    await composer(page).press('Shift+Enter');
    await composer(page).pressSequentially(XSS);
    expect(await composer(page).inputValue()).toBe(`Is this safe?\n${XSS}`);
    await composer(page).press('Enter');
    await expect.poll(() => replies(page).count(), POLL).toBe(2);
    expect(await userMessages(page).nth(1).textContent()).toContain(XSS);
    expect(await replies(page).nth(1).textContent()).toContain(`You wrote ${XSS} and it stays text.`);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
  });

  it('shows a failed turn with its error, and Retry completes it', async () => {
    await nav(page).getByRole('link', { name: 'New chat' }).click();
    await page.getByRole('heading', { name: 'What are you working on?' }).waitFor();
    fake.setResponder(() => ({ status: 503, message: 'overloaded' }));
    await ask(page, MEDIA_QUESTION);

    const failed = page.getByTestId('failed-turn');
    await failed.waitFor();
    // Plain words first; the server's technical message one click away.
    expect(await failed.getByRole('paragraph').first().textContent()).toContain(
      'is having trouble right now. Try again in a minute.',
    );
    await failed.getByText('Technical detail').click();
    expect(await failed.textContent()).toContain('The model service is busy or failing (HTTP 503)');
    await expect.poll(() => nav(page).getByTestId('failed-tag').count(), POLL).toBe(1);
    mediaConversation = idFromUrl(page);
    await page.screenshot({ path: '/tmp/spa-failed.png' });

    fake.setResponder(
      plannedTurns([{ route: 'Media', reason: 'Instagram growth.', reply: 'Start with a behind-the-scenes reel.' }]),
    );
    await failed.getByRole('button', { name: 'Retry' }).click();
    await replies(page).filter({ hasText: 'behind-the-scenes reel' }).waitFor();
    expect(await replies(page).getByTestId('agent-badge').allTextContents()).toEqual(['Media']);
    expect(await failed.count()).toBe(0);
    await expect.poll(() => nav(page).getByTestId('failed-tag').count(), POLL).toBe(0);
    expect(await userMessages(page).allTextContents()).toEqual([expect.stringContaining(MEDIA_QUESTION)]);
  });

  it('filters conversations by agent and by text, and switches between them with back and forward', async () => {
    const agentFilter = nav(page).getByLabel('Answered by');
    await agentFilter.selectOption('Media');
    await expect.poll(() => listedTitles(page), POLL).toEqual([MEDIA_QUESTION]);
    await agentFilter.selectOption('Creative');
    await expect.poll(() => listedTitles(page), POLL).toEqual([BRAND_QUESTION]);

    await nav(page).getByRole('link', { name: BRAND_QUESTION }).click();
    await page.waitForURL(`**/c/${brandConversation}`);
    await replies(page).filter({ hasText: 'Lumen & Wick' }).waitFor();
    await page.goBack();
    await page.waitForURL(`**/c/${mediaConversation}`);
    await replies(page).filter({ hasText: 'behind-the-scenes reel' }).waitFor();
    await page.goForward();
    await page.waitForURL(`**/c/${brandConversation}`);
    await replies(page).filter({ hasText: 'Lumen & Wick' }).waitFor();

    await agentFilter.selectOption('');
    await expect.poll(() => listedTitles(page), POLL).toEqual([MEDIA_QUESTION, BRAND_QUESTION]);
    await nav(page).getByRole('searchbox', { name: 'Search conversations' }).fill('Lumen');
    await expect.poll(() => listedTitles(page), POLL).toEqual([BRAND_QUESTION]);
    await nav(page).getByRole('searchbox', { name: 'Search conversations' }).fill('');
  });

  it('keeps the conversation, its list entry and its usage across a reload of /c/:id', async () => {
    await page.reload();
    await expect.poll(() => replies(page).count(), POLL).toBe(2);
    expect(await replies(page).getByTestId('agent-badge').allTextContents()).toEqual(['Creative', 'Creative']);
    const current = nav(page).locator('[aria-current="page"]');
    await expect.poll(() => current.getAttribute('href'), POLL).toBe(`/c/${brandConversation}`);

    const sidebar = page.getByRole('complementary', { name: 'Usage, profile and memory' });
    await expect.poll(() => sidebar.getByTestId('usage-Creative').textContent(), POLL).toContain('2 turns');
    expect(await sidebar.getByTestId('usage-Media').count()).toBe(0);
    await sidebar.getByRole('button', { name: 'All' }).click();
    await expect.poll(() => sidebar.getByTestId('usage-Media').textContent(), POLL).toContain('1 turn');
    expect(await sidebar.getByTestId('usage-Orchestrator').textContent()).toContain('routed 3 turns');
    await sidebar.getByRole('button', { name: 'This conversation' }).click();
    await page.screenshot({ path: '/tmp/spa-conversation.png' });
  });

  it('clears memory: a divider marks the point and the memory panel starts over', async () => {
    const memory = page.getByTestId('memory-panel');
    await expect.poll(() => memory.textContent(), POLL).toContain('4 recent messages');
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('button', { name: 'Clear memory' }).click();
    await page.getByTestId('memory-divider').waitFor();
    await expect.poll(() => memory.textContent(), POLL).toContain('0 recent messages');
  });

  it('stays usable at 800px: the usage panel opens from the header', async () => {
    const narrow = await openWatchedPage(stack.browser, { width: 800, height: 700 });
    await narrow.page.goto(`${server.url}/c/${brandConversation}`);
    await expect.poll(() => replies(narrow.page).count(), POLL).toBe(2);
    expect(await narrow.page.getByRole('complementary', { name: 'Usage, profile and memory' }).isVisible()).toBe(false);
    await narrow.page.getByRole('button', { name: 'Usage, profile & memory' }).click();
    await narrow.page.getByRole('complementary', { name: 'Usage, profile and memory' }).waitFor();
    await narrow.page.screenshot({ path: '/tmp/spa-narrow-insights.png' });
    await narrow.page.keyboard.press('Escape');
    await narrow.page.getByRole('complementary', { name: 'Usage, profile and memory' }).waitFor({ state: 'hidden' });
    await narrow.page.screenshot({ path: '/tmp/spa-narrow.png' });
    await narrow.page.context().close();
    expect(narrow.errors).toEqual([]);
  });
});

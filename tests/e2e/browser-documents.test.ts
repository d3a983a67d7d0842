// Documents as a newcomer meets them in the SPA: ask for a production plan, open it from the
// reply's card beside the chat, have it updated from another conversation, edit it while someone
// else saves a newer version (the newer text is shown, nothing overwritten), compare and restore
// versions, edit a table as a grid; a phone's full-screen sheet in light and dark. Keyboard: Esc
// closes and the focus goes back to the card. Screenshots land in /tmp/shots-documents/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openWatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, nav, POLL, replies } from '../support/chat-page.ts';
import { PLAN_200, PLAN_300, PRICE_TABLE, producingTurn } from '../support/documents.ts';
import { messageTexts } from '../support/fake-openai.ts';
import { mutate } from '../support/http-api.ts';
import { DESKTOP, horizontalOverflow, PHONE, smallTapTargets } from '../support/phone.ts';

const SHOTS = '/tmp/shots-documents';

describe('documents in the web client', () => {
  let stack: BrowserStack;
  let page: Page;
  let errors: string[];
  let conversationUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startBrowserStack(() => ({ status: 500 }));
    ({ page, errors } = await openWatchedPage(stack.browser, DESKTOP));
    // No colour transitions: under load the contrast check could read a button mid-fade.
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(errors).toEqual([]));

  const panel = () => page.getByTestId('document-panel');
  const card = () => replies(page).last().getByTestId('document-card');

  it('opens the plan Producing wrote from the card in its reply, beside the chat', async () => {
    stack.fake.setResponder(
      producingTurn(
        () => ({ name: 'write_document', arguments: { title: 'Production plan', content: PLAN_200 } }),
        'Your plan is saved.',
      ),
    );
    await page.goto(stack.server.url);
    await ask(page, 'write a production plan for 200 mugs');
    await expect.poll(() => card().textContent(), POLL).toContain('Version 1 · written by Producing');
    conversationUrl = page.url();
    await card().click();
    await expect.poll(() => panel().textContent(), POLL).toContain('Throw 200 mugs');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('document-title');
    // Beside the chat: the conversation stays visible to its left.
    const [chat, side] = await Promise.all([replies(page).last().boundingBox(), panel().boundingBox()]);
    expect(side!.x).toBeGreaterThanOrEqual(chat!.x + chat!.width - 1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/desktop-light-read.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel().count(), POLL).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), POLL).toBe('document-card');
  });

  it('finds the plan from another conversation, and a stale edit shows the newer text instead of overwriting it', async () => {
    stack.fake.setResponder(
      producingTurn((request) => {
        const id = /"Production plan" id ([0-9a-f-]{36})/.exec(messageTexts(request).join('\n'))?.[1] ?? 'not listed';
        return { name: 'update_document', arguments: { documentId: id, content: PLAN_300 } };
      }, 'The plan now makes 300 mugs.'),
    );
    await nav(page).getByRole('link', { name: '+ New chat' }).click();
    await ask(page, 'update the plan: 300 mugs');
    await expect.poll(() => card().textContent(), POLL).toContain('Version 2 · updated by Producing');
    await card().click();
    await panel().getByRole('button', { name: 'Edit' }).click();
    const editor = panel().getByRole('textbox', { name: 'Markdown' });
    await editor.fill(PLAN_300.replace('week 4', 'week 5'));
    await expect.poll(() => panel().getByRole('region', { name: 'Preview' }).textContent(), POLL).toContain('week 5');

    // Meanwhile the same plan is edited from version 2 elsewhere (another tab, the API).
    const { items } = (await (await fetch(`${stack.server.url}/api/trpc/documents.list`)).json()).result.data;
    const documentId = items[0].id as string;
    const elsewhere = await mutate(stack.server.url, 'documents.update', {
      documentId,
      content: `${PLAN_300}\nPacked by Anna`,
      baseVersion: 2,
    });
    expect(elsewhere.status).toBe(200);

    await panel().getByRole('button', { name: 'Save as version 3' }).click();
    const conflict = panel().getByTestId('conflict');
    await expect
      .poll(() => conflict.textContent(), POLL)
      .toContain('Version 3 was saved by you while you were editing version 2');
    expect(await panel().getByTestId('newer-text').textContent()).toContain('Packed by Anna');
    expect(await editor.inputValue()).toContain('week 5');
    // The browser reports the refused request (409) as a console error: that one is expected.
    expect(errors.splice(0)).toEqual([expect.stringContaining('409')]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/desktop-light-conflict.png` });

    await conflict.getByRole('button', { name: 'Start again from version 3' }).click();
    expect(await editor.inputValue()).toContain('Packed by Anna');
    await editor.fill(`${PLAN_300}\nPacked by Anna on Mondays`);
    await panel().getByRole('button', { name: 'Save as version 4' }).click();
    await expect.poll(() => panel().getByTestId('document-byline').textContent(), POLL).toBe('Version 4 · updated by you');
  });

  it('compares two versions and restores an old one as a new version', async () => {
    await panel().getByRole('button', { name: 'Versions' }).click();
    await expect.poll(() => panel().getByTestId('version-row').count(), POLL).toBe(4);
    await expect.poll(() => panel().getByTestId('version-diff').locator('ins').textContent(), POLL).toContain('on Mondays');
    await panel().getByRole('combobox', { name: 'Compare' }).selectOption('1');
    await expect.poll(() => panel().getByTestId('version-diff').locator('del').first().textContent(), POLL).toContain('200 mugs');
    await page.screenshot({ path: `${SHOTS}/desktop-light-versions.png` });
    await panel().getByRole('button', { name: 'Restore version 1' }).click();
    await expect.poll(() => panel().getByTestId('version-row').count(), POLL).toBe(5);
    expect(await panel().getByTestId('document-byline').textContent()).toBe('Version 5 · updated by you');
    await panel().getByRole('button', { name: 'Read' }).click();
    expect(await panel().textContent()).toContain('Throw 200 mugs');
    await expect.poll(() => page.getByTestId('documents-panel').textContent(), POLL).toContain('version 5');
    // Button colours ease over 120 ms: contrast is checked where they land, not halfway.
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('edits a table as a grid', async () => {
    stack.fake.setResponder(
      producingTurn(
        () => ({ name: 'write_document', arguments: { title: 'Prices', kind: 'table', content: PRICE_TABLE } }),
        'Prices saved.',
      ),
    );
    await nav(page).getByRole('link', { name: '+ New chat' }).click();
    await ask(page, 'make me a price list');
    await card().click();
    await panel().getByRole('button', { name: 'Edit' }).click();
    await panel().getByRole('textbox', { name: 'Row 1, Price' }).fill('26 EUR');
    await panel().getByRole('button', { name: 'Add a row' }).click();
    await panel().getByRole('textbox', { name: 'Row 3, Product' }).fill('Plate | flat');
    await panel().getByRole('textbox', { name: 'Row 3, Price' }).fill('18 EUR');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/desktop-light-grid.png` });
    await panel().getByRole('button', { name: 'Save as version 2' }).click();
    await expect.poll(() => panel().getByRole('table').textContent(), POLL).toContain('Plate | flat');
    expect(await panel().getByRole('table').textContent()).toContain('26 EUR');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/desktop-dark-table.png` });
  });

  it('at a tablet width the panel lies over the chat’s right side, the conversation list still in view', async () => {
    const tablet = await openWatchedPage(stack.browser, { width: 1024, height: 768 });
    await tablet.page.goto(conversationUrl);
    await replies(tablet.page).last().getByTestId('document-card').click();
    const side = tablet.page.getByTestId('document-panel');
    await expect.poll(() => side.textContent(), POLL).toContain('Throw 200 mugs');
    const box = (await side.boundingBox())!;
    expect(box.x + box.width).toBeCloseTo(1024, 0);
    expect(box.x).toBeGreaterThan(240);
    expect(await horizontalOverflow(tablet.page)).toBe(0);
    expect(await seriousViolations(tablet.page)).toEqual([]);
    await tablet.page.screenshot({ path: `${SHOTS}/tablet-light-read.png` });
    await tablet.page.context().close();
    expect(tablet.errors).toEqual([]);
  });

  it.each(['light', 'dark'] as const)('opens the plan as a full-screen sheet on a phone in the %s scheme', async (scheme) => {
    const phone = await openWatchedPage(stack.browser, PHONE);
    await phone.page.emulateMedia({ colorScheme: scheme });
    await phone.page.goto(conversationUrl);
    const phoneCard = replies(phone.page).last().getByTestId('document-card');
    await phoneCard.click();
    const sheet = phone.page.getByTestId('document-panel');
    await expect.poll(() => sheet.textContent(), POLL).toContain('Throw 200 mugs');
    expect(await sheet.boundingBox()).toMatchObject({ x: 0, y: 0, width: PHONE.width });
    expect(await horizontalOverflow(phone.page)).toBe(0);
    expect(await smallTapTargets(phone.page)).toEqual([]);
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/phone-${scheme}-read.png` });
    await sheet.getByRole('button', { name: 'Versions' }).click();
    await expect.poll(() => sheet.getByTestId('version-row').count(), POLL).toBe(5);
    expect(await horizontalOverflow(phone.page)).toBe(0);
    await phone.page.screenshot({ path: `${SHOTS}/phone-${scheme}-versions.png` });
    await phone.page.keyboard.press('Escape');
    await expect.poll(() => sheet.count(), POLL).toBe(0);
    await expect
      .poll(() => phone.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), POLL)
      .toBe('document-card');
    await phone.page.context().close();
    expect(phone.errors).toEqual([]);
  });
});

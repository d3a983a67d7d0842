// The business profile as a newcomer meets it: say the business's name in one conversation, see
// it reach the expert of a brand-new one, edit and forget it in the panel, switch businesses; on
// a phone and a desktop, light and dark. Screenshots land in /tmp/shots-profile/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openWatchedPage } from '../support/browser.ts';
import { type BrowserStack, startBrowserStack } from '../support/browser-stack.ts';
import { ask, nav, POLL, replies } from '../support/chat-page.ts';
import { type ChatRequest, messageTexts, type Responder } from '../support/fake-openai.ts';
import { DESKTOP, horizontalOverflow, PHONE, smallTapTargets } from '../support/phone.ts';

const SHOTS = '/tmp/shots-profile';
const NAME_FACT = 'The business is called Lumen & Wick.';

/** Routes to `expert`; the expert calls `remember` once when `fact` is given, then answers. */
function rememberingTurn(expert: string, reply: string, fact?: string): Responder {
  return (request: ChatRequest) => {
    const transfer = request.tools?.find((t) => t.function.name === `transfer_to_${expert}`);
    if (transfer) return { toolCalls: [{ name: transfer.function.name, arguments: { reason: `For ${expert}.` } }] };
    const rememberedAlready = JSON.stringify(request.messages.flatMap((m) => m.tool_calls ?? [])).includes('"remember"');
    if (fact && !rememberedAlready) return { toolCalls: [{ name: 'remember', arguments: { fact } }] };
    return { text: reply };
  };
}

const expertRequest = (stack: BrowserStack) =>
  stack.fake.requests.filter((r) => !r.tools?.some((t) => t.function.name.startsWith('transfer_to_'))).at(-1)!;

describe('the business profile in the web client', () => {
  let stack: BrowserStack;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    stack = await startBrowserStack(() => ({ status: 500 }));
    ({ page, errors } = await openWatchedPage(stack.browser, DESKTOP));
  });
  afterAll(() => stack?.close());
  afterEach(() => expect(errors).toEqual([]));

  const panel = () => page.getByTestId('profile-panel');

  it('remembers the name said in one conversation and shows where it came from', async () => {
    stack.fake.setResponder(rememberingTurn('Creative', 'Lovely name: noted.', NAME_FACT));
    await page.goto(stack.server.url);
    await ask(page, 'My business is called Lumen & Wick');
    await replies(page).first().waitFor();
    await expect.poll(() => panel().getByTestId('fact-text').allTextContents(), POLL).toEqual([NAME_FACT]);
    const source = panel().getByRole('link', { name: 'this conversation' });
    expect(await source.getAttribute('href')).toBe(new URL(page.url()).pathname);
    expect(await panel().textContent()).toContain('Remembered by Creative');

    const detail = replies(page).first().getByTestId('routing-detail');
    await detail.getByText(/^Routing/).click();
    expect(await detail.getByTestId('remembered').textContent()).toBe(NAME_FACT);
    expect(await detail.getByRole('region', { name: 'Tools' }).textContent()).toContain(`Creative remembered: ${NAME_FACT}`);
    // The reply that taught the fact says so, as chat apps' "Memory updated" does.
    expect(await replies(page).first().getByTestId('remembered-note').textContent()).toContain(NAME_FACT);
  });

  it('sends the name to the expert of a brand-new conversation', async () => {
    stack.fake.setResponder(rememberingTurn('Media', 'Post three reels a week as Lumen & Wick.'));
    await nav(page).getByRole('link', { name: '+ New chat' }).click();
    await ask(page, 'What should I post first on Instagram?');
    await replies(page).first().waitFor();
    expect(messageTexts(expertRequest(stack)).join('\n')).toContain(NAME_FACT);
  });

  it('edits and forgets a fact; the next model call sees the change', async () => {
    await panel()
      .getByRole('button', { name: `Edit: ${NAME_FACT}` })
      .click();
    await panel().getByRole('textbox', { name: 'Fact', exact: true }).fill('The business is called Lumen and Wick Co.');
    await panel().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => panel().getByTestId('fact-text').allTextContents(), POLL)
      .toEqual(['The business is called Lumen and Wick Co.']);
    expect(await panel().textContent()).toContain('Added by you');

    await panel().getByRole('textbox', { name: 'A fact about the business' }).fill('We ship from Leipzig.');
    await panel().getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => panel().getByTestId('fact-text').count(), POLL).toBe(2);
    await page.screenshot({ path: `${SHOTS}/desktop-light-profile.png` });

    await panel().getByRole('button', { name: 'Forget: The business is called Lumen and Wick Co.' }).click();
    await panel().getByRole('group', { name: 'Forget this fact?' }).getByRole('button', { name: 'Forget' }).click();
    await expect.poll(() => panel().getByTestId('fact-text').allTextContents(), POLL).toEqual(['We ship from Leipzig.']);

    stack.fake.setResponder(rememberingTurn('Media', 'Then ship the first posts.'));
    await ask(page, 'And after that?');
    await expect.poll(() => replies(page).count(), POLL).toBe(2);
    const seen = messageTexts(expertRequest(stack)).join('\n');
    expect(seen).toContain('We ship from Leipzig.');
    expect(seen).not.toContain('Lumen and Wick Co.');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches to a new business with its own conversations and an empty profile', async () => {
    await nav(page).getByRole('button', { name: 'New business' }).click();
    await nav(page).getByRole('textbox', { name: 'Name of the new business' }).fill('Leaf Tin');
    await nav(page).getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => nav(page).getByRole('combobox', { name: 'Business' }).inputValue(), POLL).not.toBe('');
    await expect.poll(() => nav(page).textContent(), POLL).toContain('No conversations yet.');
    await expect.poll(() => panel().textContent(), POLL).toContain('No facts yet.');
    expect(new URL(page.url()).pathname).toBe('/');

    await nav(page).getByRole('combobox', { name: 'Business' }).selectOption({ label: 'My business' });
    await expect.poll(() => nav(page).getByTestId('conversation-title').count(), POLL).toBe(2);
    await expect.poll(() => panel().getByTestId('fact-text').allTextContents(), POLL).toEqual(['We ship from Leipzig.']);
  });

  it.each(['light', 'dark'] as const)('fits a phone in the %s scheme, the profile in the sheet', async (scheme) => {
    const phone = await openWatchedPage(stack.browser, PHONE);
    await phone.page.emulateMedia({ colorScheme: scheme });
    await phone.page.goto(stack.server.url);
    await phone.page.getByRole('button', { name: 'Usage, profile & memory' }).click();
    const sheet = phone.page.getByTestId('profile-panel');
    await expect.poll(() => sheet.getByTestId('fact-text').count(), POLL).toBe(1);
    await sheet.scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(phone.page)).toBe(0);
    expect(await smallTapTargets(phone.page)).toEqual([]);
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/phone-${scheme}-profile.png` });
    await phone.page.keyboard.press('Escape');
    await phone.page.getByRole('button', { name: 'Conversations' }).click();
    await phone.page.getByTestId('business-switcher').waitFor();
    expect(await smallTapTargets(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: `${SHOTS}/phone-${scheme}-drawer.png` });
    if (scheme === 'dark') {
      await page.emulateMedia({ colorScheme: 'dark' });
      // Colours ease over 120 ms: the picture should show where they land.
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/desktop-dark-profile.png` });
      expect(await seriousViolations(page)).toEqual([]);
    }
    await phone.page.context().close();
    expect(phone.errors).toEqual([]);
  });
});

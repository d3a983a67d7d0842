// How the browser tests find things on the chat page: by role, label or data-testid.
import type { Page } from 'playwright-core';

export const POLL = { timeout: 15_000 };

export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
export const replies = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]');
export const userMessages = (page: Page) => page.locator('[data-testid="message"][data-role="user"]');
export const nav = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });
export const listedTitles = (page: Page) => nav(page).getByTestId('conversation-title').allTextContents();
export const idFromUrl = (page: Page) => new URL(page.url()).pathname.replace('/c/', '');

export async function ask(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

// Bad luck seen from Chromium: Postgres goes away while a reply streams (a TCP proxy in front of it
// is cut, so nobody else using this Postgres is disturbed). The stream still ends with its outcome:
// the page leaves the half reply on screen with Retry, not a dead Stop, sending is not blocked, and
// once the database is back Retry streams the answer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gate, launchChromium, openWatchedPage } from '../support/browser.ts';
import { ask, composer, POLL, replies } from '../support/chat-page.ts';
import { type FakeOpenAI, plannedTurns, startFakeOpenAI } from '../support/fake-openai.ts';
import { PHONE } from '../support/phone.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';
import { startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

describe('a database cut mid-stream, seen from Chromium', () => {
  let database: ThrowawayPostgres;
  let proxy: TcpProxy;
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const hold = gate();

  beforeAll(async () => {
    database = await createThrowawayPostgres();
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    fake = await startFakeOpenAI(() => ({ status: 500 }), { latencyMs: 10 });
    server = await startServer({
      DATABASE_URL: throughProxy(database.url, proxy),
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'fake-model',
      // The cut turn's row could not be marked failed; the sweep marks it once the database is back,
      // and only then may it be retried. A short sweep keeps the wait well inside the poll below.
      SWITCHBOARD_SWEEP_MS: '3000',
    });
    browser = await launchChromium();
    ({ page, errors } = await openWatchedPage(browser, PHONE));
  });
  afterAll(async () => {
    hold.open();
    await browser?.close();
    await server?.stop();
    await fake?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('ends the reply with its failure and Retry instead of a Stop that never goes', async () => {
    fake.setResponder(
      plannedTurns([
        {
          route: 'Media',
          reason: 'Social.',
          reply: 'Post a reel every Friday at noon.',
          hold: { afterWords: 3, until: hold.until },
        },
      ]),
    );
    await page.goto(server.url);
    await ask(page, 'When should I post?');
    await expect.poll(() => page.getByTestId('live-reply').textContent(), POLL).toContain('Post a reel');
    await page.getByTestId('stop').waitFor(POLL);

    proxy.cut();
    hold.open();
    const failure = page.getByTestId('send-error');
    await failure.waitFor(POLL);
    expect(await page.getByTestId('stop').count()).toBe(0);
    expect(await failure.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    // The half reply stays where it was.
    expect(await page.getByTestId('live-reply').textContent()).toContain('Post a reel');
    // Sending is not blocked: the box takes a new message and Send is there.
    await composer(page).fill('Anything else?');
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isEnabled()).toBe(true);
    await composer(page).fill('');
    await page.screenshot({ path: '/tmp/shots-spa/phone-database-cut.png' });
    expect(server.child.exitCode).toBeNull();
  });

  it('retries once the database is back, streaming the answer', async () => {
    proxy.restore();
    fake.setResponder(plannedTurns([{ route: 'Media', reason: 'Social.', reply: 'Friday at noon works best.' }]));
    // Until the server reaches its database again a retry may be refused; the person just presses again.
    await expect
      .poll(
        async () => {
          const retry = page.getByRole('button', { name: 'Retry' });
          if (await retry.count()) await retry.first().click();
          return replies(page).filter({ hasText: 'Friday at noon works best.' }).count();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(1);
    expect(await page.getByTestId('send-error').count()).toBe(0);
    expect(errors.filter((error) => !/Failed to load resource|EventSource/i.test(error))).toEqual([]);
  });
});

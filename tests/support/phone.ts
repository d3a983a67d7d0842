// Phone and desktop sizes the browser tests use, and the checks a phone layout must pass.
import type { Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };
export const SMALL_PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1366, height: 900 };

/** How far the page is wider than the screen (0 when nothing overflows sideways). */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Visible buttons, links and fields smaller than `min` px in either direction, by their text. */
export function smallTapTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((size) => {
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary');
    return (
      [...controls]
        // Links inside a paragraph of a reply are text, not controls (WCAG 2.5.8 exempts them).
        .filter((el) => el.offsetParent !== null && !el.closest('.skip-link') && !(el.tagName === 'A' && el.closest('.markdown')))
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && (box.height < size || box.width < size);
        })
        .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}"`)
    );
  }, min);
}

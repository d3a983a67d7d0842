// /api/health asked again and again while something heavy runs: every probe must be answered.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';

/** Far longer than a healthy answer takes; a server whose thread is taken never answers at all. */
const PROBE_TIMEOUT_MS = 15_000;

export async function whileProbingHealth<T>(base: string, work: Promise<T>): Promise<T> {
  let done = false;
  const statuses: number[] = [];
  const probing = (async () => {
    while (!done) {
      const answer = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      statuses.push(answer.status);
      await answer.body?.cancel();
      await sleep(200);
    }
  })();
  const result = await work.finally(() => {
    done = true;
  });
  await probing;
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((status) => status === 200)).toBe(true);
  return result;
}

// The page's health checks while the server is away: one at a time, spaced by backoff with jitter
// from 1 s up to 30 s, every 30 s while it answers, and what failed meanwhile fetched again on return.
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, HealthMonitor } from '../../client/health-monitor.ts';

describe('backoffMs', () => {
  it('grows from about 1 s to a 30 s ceiling, never outside 1–30 s whatever the jitter', () => {
    const low = () => 0;
    const high = () => 0.999;
    expect(backoffMs(1, low)).toBe(1_000);
    expect(backoffMs(1, high)).toBe(1_200);
    expect(backoffMs(4, () => 0.5)).toBe(3_375);
    for (let failures = 1; failures < 40; failures++) {
      for (const random of [low, high]) {
        expect(backoffMs(failures, random)).toBeGreaterThanOrEqual(1_000);
        expect(backoffMs(failures, random)).toBeLessThanOrEqual(30_000);
      }
      expect(backoffMs(failures + 1, () => 0.5)).toBeGreaterThanOrEqual(backoffMs(failures, () => 0.5));
    }
    expect(backoffMs(30, low)).toBe(24_000);
    expect(backoffMs(30, high)).toBe(30_000);
  });
});

describe('HealthMonitor', () => {
  let calls: number;
  let serverUp: boolean;
  beforeEach(() => {
    vi.useFakeTimers();
    calls = 0;
    serverUp = false;
    vi.stubGlobal('fetch', async () => {
      calls++;
      if (!serverUp) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ ok: true }));
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs one check at a time: presses during a check join it', async () => {
    const monitor = new HealthMonitor(new QueryClient());
    await Promise.all([monitor.checkNow(), monitor.checkNow(), monitor.checkNow()]);
    expect(calls).toBe(1);
    expect(monitor.state.failures).toBe(1);
  });

  it('spaces checks out while the server is away: under 10 in 40 s, and back to normal once it answers', async () => {
    const queryClient = new QueryClient();
    const monitor = new HealthMonitor(queryClient);
    const other = vi.fn(async () => 'fresh');
    // A query on screen (it has an observer), fetched once before the outage.
    const unsubscribe = new QueryObserver(queryClient, { queryKey: ['conversations'], queryFn: other }).subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    await monitor.checkNow();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(calls).toBeLessThanOrEqual(10);

    serverUp = true;
    await monitor.checkNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.state.failures).toBe(0);
    // The query that was waiting for the server is fetched again.
    expect(other).toHaveBeenCalledTimes(2);
    const afterReturn = calls;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toBe(afterReturn);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(afterReturn + 1);
    unsubscribe();
  });

  it('a lost request elsewhere checks at once while all looked well, and leaves the backoff alone during an outage', async () => {
    const monitor = new HealthMonitor(new QueryClient());
    serverUp = true;
    await monitor.checkNow();
    monitor.noteLostRequest();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    serverUp = false;
    monitor.noteLostRequest();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(3);
    monitor.noteLostRequest();
    monitor.noteLostRequest();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(3);
  });
});

// One health check at a time: every 30 s while the server answers; after a failure, again with
// exponential backoff and jitter (1 s growing to 30 s), so an outage costs a phone about one
// request every few seconds instead of a flood. `online`, the tab coming back into view and the
// banner's button check at once (joining a check already under way rather than starting another).
import type { QueryClient } from '@tanstack/react-query';

export const HEALTH_KEY = ['health'] as const;
const HEALTHY_EVERY_MS = 30_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
const GROWTH = 1.5;
const CHECK_TIMEOUT_MS = 5_000;

/** The wait before the next check after `failures` failed ones in a row: ±20 % jitter, 1 s to 30 s. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * GROWTH ** Math.max(0, failures - 1));
  return Math.round(Math.min(MAX_RETRY_MS, Math.max(FIRST_RETRY_MS, base * (0.8 + 0.4 * random()))));
}

export type Health = {
  ok: boolean;
  // A failing database answers only { ok: false }.
  database?: 'pglite' | 'postgres';
  model?: { configured: boolean; api: string; name: string | null };
  webSearch?: 'hosted' | 'searxng' | 'none';
};

export async function fetchHealth(): Promise<Health> {
  const response = await fetch('/api/health', {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
  });
  return (await response.json()) as Health;
}

export type MonitorState = { failures: number; checking: boolean; nextCheckAt: number | null };

export class HealthMonitor {
  #state: MonitorState = { failures: 0, checking: false, nextCheckAt: null };
  readonly #queryClient: QueryClient;
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | null = null;

  constructor(queryClient: QueryClient) {
    this.#queryClient = queryClient;
  }

  /** Starts checking and listening to the browser; returns how to stop. */
  start(): () => void {
    const onVisible = () => document.visibilityState === 'visible' && void this.checkNow();
    const onOnline = () => void this.checkNow();
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    void this.checkNow();
    return () => {
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(this.#timer);
    };
  }

  get state(): MonitorState {
    return this.#state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** A request elsewhere got no answer: worth a check now, unless the monitor already knows. */
  noteLostRequest(): void {
    if (this.#state.failures === 0) void this.checkNow();
  }

  checkNow(): Promise<void> {
    if (this.#inFlight) return this.#inFlight;
    clearTimeout(this.#timer);
    this.#set({ checking: true, nextCheckAt: null });
    this.#inFlight = this.#queryClient
      .fetchQuery({ queryKey: HEALTH_KEY, queryFn: fetchHealth, staleTime: 0, retry: false, networkMode: 'always' })
      .then(
        () => 0,
        () => this.#state.failures + 1,
      )
      .then((failures) => {
        this.#inFlight = null;
        // Back after an outage: whatever failed meanwhile is fetched again.
        if (failures === 0 && this.#state.failures > 0) {
          void this.#queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== HEALTH_KEY[0] });
        }
        const wait = failures ? backoffMs(failures) : HEALTHY_EVERY_MS;
        this.#timer = setTimeout(() => void this.checkNow(), wait);
        this.#set({ failures, checking: false, nextCheckAt: Date.now() + wait });
      });
    return this.#inFlight;
  }

  #set(change: Partial<MonitorState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }
}

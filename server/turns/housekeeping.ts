// Work a turn leaves for after its reply is stored (folding memory, writing a title):
// nobody waits for it, shutdown lets it finish within the grace period or abandons it, and one
// key runs one task at a time in this process. A task must be safe to abandon at its signal and
// to run on several instances at once (what it stores is conditional), since this is per process.
import type { Logger } from 'pino';

type Task = (signal: AbortSignal) => Promise<void>;
type Running = { done: Promise<void>; again?: Task };

export class Housekeeping {
  readonly #running = new Map<string, Running>();
  readonly #abort = new AbortController();
  readonly #logger: Pick<Logger, 'warn'>;

  constructor(logger: Pick<Logger, 'warn'>) {
    this.#logger = logger;
  }

  /**
   * Starts `task` now, or, while one with the same key runs, once more after it (the latest asked
   * for): a request made while a task runs is never lost, and never doubles the work.
   */
  run(key: string, task: Task): void {
    if (this.#abort.signal.aborted) return;
    const running = this.#running.get(key);
    if (running) {
      running.again = task;
      return;
    }
    const entry: Running = { done: Promise.resolve() };
    entry.done = (async () => {
      let next: Task | undefined = task;
      while (next && !this.#abort.signal.aborted) {
        entry.again = undefined;
        const current = next;
        await Promise.resolve()
          .then(() => current(this.#abort.signal))
          .catch((error: unknown) => this.#logger.warn({ err: error, key }, 'housekeeping after a turn failed'));
        next = entry.again;
      }
      this.#running.delete(key);
    })();
    this.#running.set(key, entry);
  }

  /** Resolves once nothing runs (tasks started meanwhile included). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.all([...this.#running.values()].map((r) => r.done));
  }

  /**
   * Shutdown: no new tasks; waits up to `graceMs` (or until `hurry`) for the running ones, then
   * aborts the rest and waits for them to stop. Returns how many were abandoned.
   */
  async drain(graceMs: number, hurry?: AbortSignal): Promise<number> {
    const settled = this.idle();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
      if (hurry?.aborted) resolve();
      hurry?.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([settled, late]);
    clearTimeout(timer);
    const abandoned = this.#running.size;
    this.#abort.abort(new Error('shutting down'));
    await settled;
    return abandoned;
  }
}

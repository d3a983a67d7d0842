// One turn's events in order, numbered from 1, read by any number of cursors. Readers never hold
// the writer up: the log only grows, and each reader keeps its own place in it.
export type Sequenced<E> = { seq: number; event: E };

/** A reader that falls this many events behind what was written after it joined is dropped. */
export const MAX_LAG = 2_000;

export class WatcherLagged extends Error {
  constructor() {
    super('The watcher fell too far behind the turn and was disconnected.');
    this.name = 'WatcherLagged';
  }
}

export class EventLog<E> {
  readonly #events: Sequenced<E>[] = [];
  readonly #waiting = new Set<() => void>();
  #ended = false;

  get lastSeq(): number {
    return this.#events.at(-1)?.seq ?? 0;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** `seq` defaults to the next number; a copy of another log passes the original's. */
  append(event: E, seq = this.lastSeq + 1): Sequenced<E> {
    const entry = { seq, event };
    if (seq <= this.lastSeq || this.#ended) return entry;
    this.#events.push(entry);
    this.#wake();
    return entry;
  }

  /** No event follows; readers finish once they reach the end. */
  end(): void {
    this.#ended = true;
    this.#wake();
  }

  /**
   * The events after `after`, then each new one until the log ends. `merge` may fold an event into
   * the one before it (e.g. consecutive text deltas), so a reader that is behind catches up in
   * fewer, larger steps; the merged event carries the last seq it covers.
   */
  async *read(
    after: number,
    options: { merge?: (a: E, b: E) => E | null; signal?: AbortSignal } = {},
  ): AsyncGenerator<Sequenced<E>> {
    let index = 0;
    let caughtUpTo = this.#events.length;
    while (!options.signal?.aborted) {
      // A log being filled from elsewhere may still be adding events the reader already has.
      while (index < this.#events.length && this.#events[index]!.seq <= after) index++;
      if (index < this.#events.length) {
        if (this.#events.length - Math.max(index, caughtUpTo) > MAX_LAG) throw new WatcherLagged();
        let entry = this.#events[index++]!;
        for (
          let merged: E | null | undefined;
          index < this.#events.length && (merged = options.merge?.(entry.event, this.#events[index]!.event));
          index++
        ) {
          entry = { seq: this.#events[index]!.seq, event: merged };
        }
        yield entry;
        caughtUpTo = Math.max(caughtUpTo, index);
        continue;
      }
      if (this.#ended) return;
      caughtUpTo = this.#events.length;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#waiting.delete(done);
          options.signal?.removeEventListener('abort', done);
          resolve();
        };
        this.#waiting.add(done);
        options.signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  #wake(): void {
    for (const wake of [...this.#waiting]) wake();
  }
}

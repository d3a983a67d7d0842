// The in-process turn lock: a promise queue per key; later callers wait their turn. Enough for
// PGlite, which only one process can open.
import type { TurnLock } from './turn-lock.ts';

export class ConversationLock implements TurnLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const [first, ...rest] = keys;
    if (first === undefined) return work();
    return this.#runOne(first, () => this.run(rest, work));
  }

  async tryRun(key: string, work: () => Promise<void>): Promise<boolean> {
    if (this.#tails.has(key)) return false;
    await this.#runOne(key, work);
    return true;
  }

  async #runOne<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

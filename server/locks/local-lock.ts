// The in-process turn lock: a promise queue per key; later callers wait their turn. Enough for
// PGlite, which only one process can open.
import { type LockHandle, neverLost, type TurnLock } from './turn-lock.ts';

export class LocalLock implements TurnLock {
  readonly #tails = new Map<string, Promise<void>>();

  async acquire(keys: readonly string[]): Promise<LockHandle> {
    const held: (() => void)[] = [];
    for (const key of keys) held.push(await this.#take(key));
    return { release: async () => held.reverse().forEach((release) => release()), lost: neverLost() };
  }

  async tryAcquire(key: string): Promise<LockHandle | null> {
    if (this.#tails.has(key)) return null;
    const release = await this.#take(key);
    return { release: async () => release(), lost: neverLost() };
  }

  async #take(key: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }
}

// One turn at a time per conversation, within this process: later sends wait their turn.
export class ConversationLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(conversationId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#tails.set(conversationId, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.#tails.get(conversationId) === tail) this.#tails.delete(conversationId);
    }
  }
}

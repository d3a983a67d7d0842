// One turn at a time per conversation: the contract both lock implementations keep.
export type LockHandle = { release(): Promise<void> };

export interface TurnLock {
  /** Holds every key, taken in the order given; other callers of a key wait until release. */
  acquire(keys: readonly string[]): Promise<LockHandle>;
  /** Holds `key` only if nobody holds it right now; null when somebody does. */
  tryAcquire(key: string): Promise<LockHandle | null>;
}

/** Runs `work` holding every key. */
export async function withLock<T>(lock: TurnLock, keys: readonly string[], work: () => Promise<T>): Promise<T> {
  const handle = await lock.acquire(keys);
  try {
    return await work();
  } finally {
    await handle.release();
  }
}

export const conversationKey = (conversationId: string) => `conversation:${conversationId}`;

/** Serializes sends of one client message that name no conversation yet (each would create one). */
export const clientMessageKey = (clientMessageId: string) => `client-message:${clientMessageId}`;

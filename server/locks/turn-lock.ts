// One turn at a time per conversation: the contract both lock implementations keep.
export type LockHandle = {
  release(): Promise<void>;
  /**
   * Fires if the lock was lost while held (its database session broke): others may take it now,
   * so work done under it must stop. Its reason is a `LockLostError`.
   */
  lost: AbortSignal;
};

export class LockLostError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the database session holding this lock was lost', options);
    this.name = 'LockLostError';
  }
}

/** For a lock that cannot be lost (one process holds it in memory); one per handle, so listeners go with it. */
export const neverLost = (): AbortSignal => new AbortController().signal;

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

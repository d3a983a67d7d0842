// One turn at a time per conversation: the contract both lock implementations keep.
export interface TurnLock {
  /** Runs `work` holding every key, taken in the order given; other callers of a key wait. */
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
  /** Runs `work` only if nobody holds `key` right now; false when somebody does. */
  tryRun(key: string, work: () => Promise<void>): Promise<boolean>;
}

export const conversationKey = (conversationId: string) => `conversation:${conversationId}`;

/** Serializes sends of one client message that name no conversation yet (each would create one). */
export const clientMessageKey = (clientMessageId: string) => `client-message:${clientMessageId}`;

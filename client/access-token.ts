// The optional access token (SWITCHBOARD_TOKEN on the server): kept in localStorage, asked for
// once when the server answers UNAUTHORIZED.
import { TRPCClientError } from '@trpc/client';
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'switchboard.token';

type TokenState = { needed: boolean; rejected: boolean };

let state: TokenState = { needed: false, rejected: false };
const listeners = new Set<() => void>();

function update(next: TokenState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function readToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  localStorage.setItem(STORAGE_KEY, token);
  update({ needed: false, rejected: false });
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}

/** Called with every failed request; an UNAUTHORIZED answer opens the token form. */
export function noteAuthError(error: unknown): void {
  if (isUnauthorized(error) && !state.needed) update({ needed: true, rejected: readToken() !== null });
}

export function useTokenState(): TokenState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

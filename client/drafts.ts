// What the person is typing, per conversation, kept in this browser: a lost connection, a
// failed send or a reload never loses it.
import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = 'switchboard.draft.';
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

export function readDraft(key: string): string {
  if (memory.has(key)) return memory.get(key)!;
  try {
    return localStorage.getItem(PREFIX + key) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(key: string, text: string): void {
  memory.set(key, text);
  try {
    if (text) localStorage.setItem(PREFIX + key, text);
    else localStorage.removeItem(PREFIX + key);
  } catch {
    // Storage full or disabled: the in-memory copy still serves this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDraft(key: string): [string, (text: string) => void] {
  const text = useSyncExternalStore(subscribe, () => readDraft(key));
  const set = useCallback((next: string) => writeDraft(key, next), [key]);
  return [text, set];
}

export const draftKey = (conversationId: string | null) => conversationId ?? 'new';

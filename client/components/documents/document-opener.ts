// Which document the side panel shows: any reply's card or the Documents list opens one. One small
// store (not a context) so the panel needs no provider wrapped around the app.
import { useSyncExternalStore } from 'react';

let openId: string | null = null;
/** What had the focus when the panel opened (a card, a list row): it gets it back on closing. */
let returnTo: HTMLElement | null = null;
const listeners = new Set<() => void>();

function set(id: string | null): void {
  openId = id;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function openDocument(id: string): void {
  if (!openId && document.activeElement instanceof HTMLElement) returnTo = document.activeElement;
  set(id);
}

export function closeDocument(): void {
  if (!openId) return;
  set(null);
  const target = returnTo?.isConnected ? returnTo : document.getElementById('composer-input');
  returnTo = null;
  // After the panel is gone and, on a wide screen, the insights are back.
  requestAnimationFrame(() => target?.focus());
}
export const useOpenDocumentId = () => useSyncExternalStore(subscribe, () => openId);

// The URL names the conversation (/c/:id); pushState + popstate, so reload and back/forward work.
import { useCallback, useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'switchboard:navigate';
const CONVERSATION_PATH = /^\/c\/([0-9a-f-]{36})\/?$/i;

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentPath = () => window.location.pathname;

export function conversationIdFrom(path: string): string | null {
  return CONVERSATION_PATH.exec(path)?.[1]?.toLowerCase() ?? null;
}

export function pathFor(conversationId: string | null): string {
  return conversationId ? `/c/${conversationId}` : '/';
}

export function useRoute() {
  const path = useSyncExternalStore(subscribe, currentPath);
  const navigate = useCallback((conversationId: string | null, options: { replace?: boolean } = {}) => {
    const next = pathFor(conversationId);
    if (next === window.location.pathname) return;
    if (options.replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  }, []);
  return { conversationId: conversationIdFrom(path), navigate };
}

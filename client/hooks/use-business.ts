// The business the app works in: chosen in the switcher, kept in this browser (localStorage), the
// default business until another is chosen. Conversations, usage and the profile follow it.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { useTRPC } from '../trpc.ts';

const KEY = 'switchboard:business';
const CHANGED = 'switchboard:business';

function subscribe(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  window.addEventListener('storage', listener);
  return () => {
    window.removeEventListener(CHANGED, listener);
    window.removeEventListener('storage', listener);
  };
}

const stored = () => {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
};

export function useBusiness() {
  const trpc = useTRPC();
  const chosen = useSyncExternalStore(subscribe, stored);
  const list = useQuery(trpc.businesses.list.queryOptions());
  const businesses = list.data?.items ?? [];
  const business = businesses.find((b) => b.id === chosen) ?? businesses.find((b) => b.isDefault) ?? null;
  const choose = useCallback((businessId: string) => {
    try {
      localStorage.setItem(KEY, businessId);
    } catch {
      // Private mode without storage: the choice lasts until the page reloads.
    }
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  // Until the list answers, nothing is scoped: a failed list must not block the rest of the app.
  return { businesses, business, businessId: business?.id, settled: list.isFetched, choose };
}

import { useEffect } from 'react';

/** The browser tab names what is open: "Spring market · Switchboard"; a page without a name, just the app. */
export function useDocumentTitle(name: string | null): void {
  useEffect(() => {
    document.title = name ? `${name} · Switchboard` : 'Switchboard';
  }, [name]);
}

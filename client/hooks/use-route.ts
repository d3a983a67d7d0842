// The URL names what is open: a conversation (/c/:id, ?turn= to show one turn) or an agent's view
// (/agents/:name). pushState + popstate, so reload and back/forward work.
import { useCallback, useSyncExternalStore } from 'react';
import type { AgentName } from '../../shared/roster.ts';
import { isAgentName } from '../../shared/roster.ts';

const NAVIGATE_EVENT = 'switchboard:navigate';
const CONVERSATION_PATH = /^\/c\/([0-9a-f-]{36})\/?$/i;
const AGENT_PATH = /^\/agents\/([A-Za-z]+)\/?$/;
export const ROUTINES_PATH = '/routines';
const UUID = /^[0-9a-f-]{36}$/i;

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

export function conversationIdFrom(path: string): string | null {
  return CONVERSATION_PATH.exec(path)?.[1]?.toLowerCase() ?? null;
}

export function agentFrom(path: string): AgentName | null {
  const name = AGENT_PATH.exec(path)?.[1];
  return name && isAgentName(name) ? name : null;
}

export function pathFor(conversationId: string | null, turnId?: string): string {
  if (!conversationId) return '/';
  return turnId ? `/c/${conversationId}?turn=${turnId}` : `/c/${conversationId}`;
}

export function agentPath(agent: string): string {
  return `/agents/${encodeURIComponent(agent)}`;
}

export function useRoute() {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const { pathname, searchParams } = new URL(url, window.location.origin);
  const go = useCallback((next: string, options: { replace?: boolean } = {}) => {
    if (next === currentUrl()) return;
    if (options.replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
    window.dispatchEvent(new Event(NAVIGATE_EVENT));
  }, []);
  const navigate = useCallback(
    (conversationId: string | null, options: { replace?: boolean } = {}) => go(pathFor(conversationId), options),
    [go],
  );
  const turn = searchParams.get('turn');
  const conversationId = conversationIdFrom(pathname);
  const agent = agentFrom(pathname);
  const routines = pathname.replace(/\/$/, '') === ROUTINES_PATH;
  return {
    conversationId,
    /** The address names nothing this app shows (an unknown path, a malformed id, an unknown agent). */
    notFound: pathname !== '/' && !conversationId && !agent && !routines,
    /** The turn to bring into view, when a link named one. */
    turnId: turn && UUID.test(turn) ? turn.toLowerCase() : null,
    agent,
    routines,
    navigate,
    go,
  };
}

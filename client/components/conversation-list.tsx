// The left column (a drawer on phones): past conversations, newest first, searchable and
// filterable by agent; a conversation whose last answer failed says so.
import { useInfiniteQuery } from '@tanstack/react-query';
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import type { AgentName } from '../../shared/roster.ts';
import { isUnauthorized } from '../access-token.ts';
import { formatWhen } from '../format.ts';
import { useBusiness } from '../hooks/use-business.ts';
import { useDebounced } from '../hooks/use-debounced.ts';
import { pathFor } from '../hooks/use-route.ts';
import { isNetworkError } from '../network-error.ts';
import { useTRPC } from '../trpc.ts';
import { AgentDot } from './agent-badge.tsx';
import { BusinessSwitcher } from './business-switcher.tsx';
import { ConversationFilters } from './conversation-filters.tsx';
import { RoutinesLink, UnreadRuns } from './routines-link.tsx';
import { SearchSnippet } from './search-snippet.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

type Props = {
  activeId: string | null;
  onOpen: (conversationId: string | null) => void;
  onOpenRoutines: () => void;
  drawerOpen: boolean;
  onCloseDrawer: () => void;
};

export function ConversationList({ activeId, onOpen, onOpenRoutines, drawerOpen, onCloseDrawer }: Props) {
  const trpc = useTRPC();
  const searchBox = useRef<HTMLInputElement>(null);
  // Opening the drawer puts the search one keystroke away.
  useEffect(() => {
    if (drawerOpen) searchBox.current?.focus();
  }, [drawerOpen]);
  const [search, setSearch] = useState('');
  const [agent, setAgent] = useState<AgentName | null>(null);
  const query = useDebounced(search.trim(), 250);
  const { businessId, settled } = useBusiness();
  const list = useInfiniteQuery(
    trpc.conversations.list.infiniteQueryOptions(
      { businessId, agent: agent ?? undefined, query: query || undefined, limit: 30 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, enabled: settled },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // Plain links, so a conversation can open in a new tab; a normal click stays in the app.
  const open = (event: MouseEvent, id: string | null) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onOpen(id);
  };

  return (
    <nav
      className="conversations"
      aria-label="Conversations"
      onKeyDown={(event) => event.key === 'Escape' && drawerOpen && onCloseDrawer()}
    >
      <div className="drawer-head">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          Switchboard
        </div>
        <button type="button" className="ghost icon drawer-close" onClick={onCloseDrawer} aria-label="Close conversations">
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      <BusinessSwitcher onSwitched={() => onOpen(null)} />
      <a className="new-chat button primary" href="/" onClick={(event) => open(event, null)}>
        + New chat
      </a>
      <RoutinesLink onOpen={onOpenRoutines} activeId={activeId} />
      <ConversationFilters searchRef={searchBox} search={search} onSearch={setSearch} agent={agent} onAgent={setAgent} />
      {list.error && !isUnauthorized(list.error) && (
        <p className="field-error" role="alert">
          {isNetworkError(list.error)
            ? 'Switchboard cannot be reached: the list will load once it is back.'
            : `Could not load conversations: ${list.error.message}`}
        </p>
      )}
      {list.isSuccess && items.length === 0 && (
        <p className="muted small empty-list">{query || agent ? 'No conversation matches.' : 'No conversations yet.'}</p>
      )}
      <ul className="conversation-items" data-testid="conversation-list">
        {items.map((item) => (
          <li key={item.id}>
            <a
              href={pathFor(item.id)}
              aria-current={item.id === activeId ? 'page' : undefined}
              onClick={(event) => open(event, item.id)}
            >
              <span className="title" data-testid="conversation-title">
                {item.title}
              </span>
              {item.snippet && <SearchSnippet snippet={item.snippet} />}
              <span className="meta">
                <span className="dots">
                  {item.agents
                    .filter((name) => name !== 'Orchestrator')
                    .map((name) => (
                      <AgentDot key={name} agent={name} />
                    ))}
                </span>
                <UnreadRuns conversationId={item.id} active={item.id === activeId} />
                {item.lastTurnStatus === 'failed' && (
                  <span className="failed-tag" data-testid="failed-tag">
                    <span aria-hidden="true">⚠ </span>Last answer failed
                  </span>
                )}
                <time dateTime={item.updatedAt}>{formatWhen(item.updatedAt)}</time>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="ghost" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      )}
      <ThemeToggle />
    </nav>
  );
}

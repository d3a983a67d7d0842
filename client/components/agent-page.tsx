// One agent's view: every turn it handled or was consulted in, newest first, and the turns where
// the user corrected the Orchestrator's choice (routing review), in the business the app works in.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AgentName } from '../../shared/roster.ts';
import { isUnauthorized } from '../access-token.ts';
import { useBusiness } from '../hooks/use-business.ts';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useTRPC } from '../trpc.ts';
import { AgentBadge } from './agent-badge.tsx';
import { AgentTurnCard } from './agent-turn-card.tsx';
import { DrawerButton } from './drawer-button.tsx';
import { InsightsButton } from './insights-button.tsx';

type Props = {
  agent: AgentName;
  onBack: () => void;
  onOpenTurn: (conversationId: string, turnId: string) => void;
  onOpenDrawer: () => void;
  onToggleInsights: () => void;
};

/** A date input's day as the start of that day in the user's time zone. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const nextDayStart = (day: string) => {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
};

export function AgentPage({ agent, onBack, onOpenTurn, onOpenDrawer, onToggleInsights }: Props) {
  const trpc = useTRPC();
  const { businessId } = useBusiness();
  const [flagged, setFlagged] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const badRange = Boolean(from && to && from > to);
  const turns = useInfiniteQuery({
    ...trpc.stats.agentTurns.infiniteQueryOptions(
      { agent, businessId, flagged: flagged || undefined, from: dayStart(from), to: nextDayStart(to), limit: 20 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    enabled: !badRange,
  });
  useDocumentTitle(`${agent}’s turns`);
  const items = turns.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <main className="chat-pane agent-page" id="main" tabIndex={-1} aria-labelledby="agent-page-title" data-testid="agent-page">
      <header className="chat-header agent-page-head">
        <DrawerButton onOpen={onOpenDrawer} />
        <button type="button" className="ghost" onClick={onBack}>
          ← Chat
        </button>
        <h1 id="agent-page-title">
          <AgentBadge agent={agent} /> turns
        </h1>
        <InsightsButton onToggle={onToggleInsights} />
      </header>
      <div className="agent-page-filters">
        <div className="segmented" role="group" aria-label="Which turns">
          <button type="button" aria-pressed={!flagged} onClick={() => setFlagged(false)}>
            All turns
          </button>
          <button type="button" aria-pressed={flagged} onClick={() => setFlagged(true)}>
            Corrected routing
          </button>
        </div>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <div className="agent-page-body">
        {badRange && <p className="field-error">“From” must not be after “To”.</p>}
        {turns.error && !isUnauthorized(turns.error) && (
          <p className="field-error" role="alert">
            Could not load {agent}’s turns: {turns.error.message}
          </p>
        )}
        {turns.isSuccess && items.length === 0 && (
          <p className="muted">
            {flagged ? `No reply has been marked as a wrong route for ${agent}.` : `${agent} has not taken part in a turn yet.`}
          </p>
        )}
        <ol className="agent-turns" data-testid="agent-turns">
          {items.map((item) => (
            <li key={item.turnId}>
              <AgentTurnCard agent={agent} item={item} onOpen={() => onOpenTurn(item.conversationId, item.turnId)} />
            </li>
          ))}
        </ol>
        {turns.hasNextPage && (
          <button type="button" className="ghost" onClick={() => void turns.fetchNextPage()} disabled={turns.isFetchingNextPage}>
            {turns.isFetchingNextPage ? 'Loading…' : 'Show older'}
          </button>
        )}
      </div>
    </main>
  );
}

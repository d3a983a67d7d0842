// Routines of the business the app works in: prompts on a schedule, each run a turn in the
// routine's own conversation.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isUnauthorized } from '../access-token.ts';
import { useBusiness } from '../hooks/use-business.ts';
import { isNetworkError } from '../network-error.ts';
import { useTRPC } from '../trpc.ts';
import { DrawerButton } from './drawer-button.tsx';
import { InsightsButton } from './insights-button.tsx';
import { RoutineCard } from './routine-card.tsx';
import { RoutineForm } from './routine-form.tsx';

type Props = {
  onBack: () => void;
  onOpen: (path: string) => void;
  onOpenDrawer: () => void;
  onToggleInsights: () => void;
};

export function RoutinesPage({ onBack, onOpen, onOpenDrawer, onToggleInsights }: Props) {
  const trpc = useTRPC();
  const { business, businessId } = useBusiness();
  const [creating, setCreating] = useState(false);
  // Runs happen while the page is open: it looks again every half minute, and on every visit
  // (a conversation opened meanwhile has read its runs).
  const routines = useQuery({
    ...trpc.routines.list.queryOptions({ businessId }),
    refetchInterval: 30_000,
    refetchOnMount: 'always',
  });
  const items = routines.data?.items ?? [];

  return (
    <main className="chat-pane agent-page routines-page" aria-labelledby="routines-title" data-testid="routines-page">
      <header className="chat-header agent-page-head">
        <DrawerButton onOpen={onOpenDrawer} />
        <button type="button" className="ghost" onClick={onBack}>
          ← Chat
        </button>
        <h1 id="routines-title">Routines</h1>
        <InsightsButton onToggle={onToggleInsights} />
      </header>
      <div className="agent-page-body">
        <p className="small muted routines-intro">
          Work that happens while you are away, for {business?.name ?? 'this business'}: each routine asks its question on its
          schedule, and the answer waits in its own conversation.
        </p>
        {routines.error && !isUnauthorized(routines.error) && (
          <p className="field-error" role="alert">
            {isNetworkError(routines.error)
              ? 'Switchboard cannot be reached: routines will show once it is back.'
              : `Could not load routines: ${routines.error.message}`}
          </p>
        )}
        {creating ? (
          <RoutineForm businessId={businessId} onDone={() => setCreating(false)} />
        ) : (
          <button type="button" className="primary new-routine" onClick={() => setCreating(true)}>
            + New routine
          </button>
        )}
        {routines.isSuccess && items.length === 0 && !creating && (
          <p className="muted">
            No routines yet. A routine could post Monday’s numbers, plan this week’s posts or review the month.
          </p>
        )}
        <div className="routine-list" data-testid="routine-list">
          {items.map((routine) => (
            <RoutineCard key={routine.id} routine={routine} businessId={businessId} onOpen={onOpen} />
          ))}
        </div>
      </div>
    </main>
  );
}

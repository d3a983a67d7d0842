// Three columns: conversations | chat | usage and memory. The URL names the open conversation.
import { useCallback, useEffect, useRef, useState } from 'react';
import { AgentPage } from './components/agent-page.tsx';
import { ChatPane } from './components/chat-pane.tsx';
import { ConversationList } from './components/conversation-list.tsx';
import { HealthBanner } from './components/health-banner.tsx';
import { MemoryPanel } from './components/memory-panel.tsx';
import { TokenForm } from './components/token-form.tsx';
import { UsageSidebar } from './components/usage-sidebar.tsx';
import { agentPath, pathFor, useRoute } from './hooks/use-route.ts';
import { useTurnStream } from './hooks/use-turn-stream.ts';

export function App() {
  const { conversationId, turnId, agent, navigate, go } = useRoute();
  const [insightsOpen, setInsightsOpen] = useState(false);
  const closeInsights = useRef<HTMLButtonElement>(null);
  // On narrow screens the panel covers the header, so focus moves into it.
  useEffect(() => {
    if (insightsOpen) closeInsights.current?.focus();
  }, [insightsOpen]);
  const onNewConversation = useCallback((id: string) => navigate(id), [navigate]);
  const { live, send, dismiss } = useTurnStream(onNewConversation);

  return (
    <div className="app">
      <HealthBanner />
      <div className={insightsOpen ? 'layout insights-open' : 'layout'}>
        <ConversationList activeId={conversationId} onOpen={navigate} />
        {agent ? (
          <AgentPage
            key={agent}
            agent={agent}
            onBack={() => navigate(null)}
            onOpenTurn={(id, turn) => go(pathFor(id, turn))}
          />
        ) : (
          <ChatPane
            conversationId={conversationId}
            focusTurnId={turnId}
            live={live}
            send={send}
            dismiss={dismiss}
            onNewChat={() => navigate(null)}
            onToggleInsights={() => setInsightsOpen((open) => !open)}
          />
        )}
        <aside className="insights" aria-label="Usage and memory" onKeyDown={(e) => e.key === 'Escape' && setInsightsOpen(false)}>
          <button ref={closeInsights} type="button" className="ghost insights-close" onClick={() => setInsightsOpen(false)}>
            Close
          </button>
          <UsageSidebar
            conversationId={conversationId}
            onOpenAgent={(name) => {
              // On a narrow screen the panel covers the page it opens.
              setInsightsOpen(false);
              go(agentPath(name));
            }}
          />
          {conversationId && <MemoryPanel conversationId={conversationId} />}
        </aside>
      </div>
      <TokenForm />
    </div>
  );
}

// Conversations | chat (or an agent's view) | usage and memory; on phones the list is a drawer and
// the panel a sheet. The URL names what is open: a conversation, a turn in it, or an agent.
import { useCallback, useEffect, useRef, useState } from 'react';
import { AgentPage } from './components/agent-page.tsx';
import { ChatPane } from './components/chat-pane.tsx';
import { ConnectionBanner } from './components/connection-banner.tsx';
import { ConnectionsPanel } from './components/connections-panel.tsx';
import { ConversationList } from './components/conversation-list.tsx';
import { DocumentPanel } from './components/documents/document-panel.tsx';
import { DocumentsPanel } from './components/documents/documents-panel.tsx';
import { useDocumentPanel } from './components/documents/use-document-panel.ts';
import { FilesPanel } from './components/files-panel.tsx';
import { HealthBanner } from './components/health-banner.tsx';
import { MemoryPanel } from './components/memory-panel.tsx';
import { NotFound } from './components/not-found.tsx';
import { ProfilePanel } from './components/profile-panel.tsx';
import { RoutinesPage } from './components/routines-page.tsx';
import { TokenForm } from './components/token-form.tsx';
import { UsageSidebar } from './components/usage-sidebar.tsx';
import { useBusiness } from './hooks/use-business.ts';
import { agentPath, pathFor, ROUTINES_PATH, useRoute } from './hooks/use-route.ts';
import { useTurnStream } from './hooks/use-turn-stream.ts';

export function App() {
  const { conversationId, turnId, agent, routines, notFound, navigate, go } = useRoute();
  const { business, businessId } = useBusiness();
  const [insightsOpen, setInsightsOpen] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const documents = useDocumentPanel(businessId);
  const closeInsights = useRef<HTMLButtonElement>(null);
  // On narrow screens the panel covers the chat, so focus moves into it.
  useEffect(() => {
    if (insightsOpen) closeInsights.current?.focus();
  }, [insightsOpen]);
  const closeDrawer = useCallback(() => {
    setDrawerOpen(false);
    document.getElementById('drawer-button')?.focus();
  }, []);
  const open = useCallback(
    (id: string | null) => {
      navigate(id);
      setDrawerOpen(false);
    },
    [navigate],
  );
  const onNewConversation = useCallback((id: string) => navigate(id), [navigate]);
  const { live, send, retry, watch, stop, dismiss } = useTurnStream(onNewConversation, businessId);
  const layout = ['layout', insightsOpen && 'insights-open', drawerOpen && 'drawer-open', documents.documentId && 'document-open']
    .filter(Boolean)
    .join(' ');

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <ConnectionBanner />
      <HealthBanner />
      <div className={layout}>
        <ConversationList
          activeId={conversationId}
          onOpen={open}
          onOpenRoutines={() => (go(ROUTINES_PATH), setDrawerOpen(false))}
          drawerOpen={drawerOpen}
          onCloseDrawer={closeDrawer}
        />
        {notFound ? (
          <NotFound what="page" onBack={() => open(null)} onOpenDrawer={() => setDrawerOpen(true)} />
        ) : agent ? (
          <AgentPage
            key={agent}
            agent={agent}
            onBack={() => open(null)}
            onOpenTurn={(id, turn) => go(pathFor(id, turn))}
            onOpenDrawer={() => setDrawerOpen(true)}
            onToggleInsights={() => setInsightsOpen((value) => !value)}
          />
        ) : routines ? (
          <RoutinesPage
            onBack={() => open(null)}
            onOpen={go}
            onOpenDrawer={() => setDrawerOpen(true)}
            onToggleInsights={() => setInsightsOpen((value) => !value)}
          />
        ) : (
          <ChatPane
            conversationId={conversationId}
            focusTurnId={turnId}
            live={live}
            send={send}
            retry={retry}
            watch={watch}
            stop={stop}
            dismiss={dismiss}
            onNewChat={() => open(null)}
            onOpenDrawer={() => setDrawerOpen(true)}
            onToggleInsights={() => setInsightsOpen((value) => !value)}
          />
        )}
        <aside
          className="insights"
          aria-label="Usage, profile and memory"
          onKeyDown={(e) => e.key === 'Escape' && setInsightsOpen(false)}
        >
          <div className="insights-close">
            <h2 className="visually-hidden">Usage, profile and memory</h2>
            <button ref={closeInsights} type="button" className="ghost" onClick={() => setInsightsOpen(false)}>
              Close
            </button>
          </div>
          <UsageSidebar
            conversationId={conversationId}
            businessId={businessId}
            onOpenAgent={(name) => {
              // On a narrow screen the panel covers the page it opens.
              setInsightsOpen(false);
              go(agentPath(name));
            }}
          />
          <ProfilePanel businessId={businessId} businessName={business?.name} />
          {conversationId && <MemoryPanel conversationId={conversationId} />}
          <DocumentsPanel businessId={businessId} />
          <FilesPanel businessId={businessId} />
          <ConnectionsPanel businessId={businessId} />
        </aside>
        {documents.documentId && (
          <DocumentPanel documentId={documents.documentId} businessId={businessId} onClose={documents.close} />
        )}
        <div className="backdrop" aria-hidden="true" onClick={() => (setDrawerOpen(false), setInsightsOpen(false))} />
      </div>
      <TokenForm />
    </div>
  );
}

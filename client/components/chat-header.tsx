// The chat's header: the drawer button and New chat on phones, the title (renamable), the
// conversation's actions in one menu, and the usage, profile & memory panel.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { changeFailure } from '../error-words.ts';
import { useRefreshChat } from '../hooks/use-refresh-chat.ts';
import { useTRPC } from '../trpc.ts';
import { DeleteDialog } from './delete-dialog.tsx';
import { DrawerButton } from './drawer-button.tsx';
import { ExportButtons } from './export-buttons.tsx';
import { InsightsButton } from './insights-button.tsx';
import { Menu } from './menu.tsx';
import { RenameForm } from './rename-form.tsx';

const ACTIONS_BUTTON = 'conversation-actions';
// The menu item that opened a dialog or form is gone with the menu: focus goes back to the menu's button.
const focusActions = () => requestAnimationFrame(() => document.getElementById(ACTIONS_BUTTON)?.focus());

type Props = {
  conversationId: string | null;
  /** null while the conversation loads. */
  title: string | null;
  busy: boolean;
  onOpenDrawer: () => void;
  onNewChat: () => void;
  onDeleted: () => void;
  onToggleInsights: () => void;
};

export function ChatHeader({ conversationId, title, busy, onOpenDrawer, onNewChat, onDeleted, onToggleInsights }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshChat();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // History stays; only what reaches the model is cut at this point.
  const reset = useMutation(trpc.chat.reset.mutationOptions({ onSuccess: (result) => refresh(result.conversationId) }));
  return (
    <header className="chat-header">
      <DrawerButton onOpen={onOpenDrawer} />
      {title === null ? (
        <h1>
          <span className="visually-hidden">Loading the conversation</span>
          <span className="skeleton-title" aria-hidden="true" />
        </h1>
      ) : renaming && conversationId ? (
        <RenameForm
          key={conversationId}
          conversationId={conversationId}
          title={title}
          onDone={() => (setRenaming(false), focusActions())}
        />
      ) : (
        <h1 title={title}>{title}</h1>
      )}
      <div className="actions">
        {reset.error && (
          <span className="field-error" role="alert">
            {changeFailure(reset.error)}
          </span>
        )}
        <button type="button" className="ghost icon drawer-only" onClick={onNewChat} aria-label="New chat">
          <span aria-hidden="true">+</span>
        </button>
        {conversationId && title !== null && (
          <Menu label="Conversation actions" icon="⋯" buttonId={ACTIONS_BUTTON}>
            {(close) => (
              <>
                <button type="button" className="ghost" onClick={() => (close(), setRenaming(true))}>
                  Rename
                </button>
                <ExportButtons conversationId={conversationId} onChosen={close} />
                <button
                  type="button"
                  className="ghost"
                  disabled={busy || reset.isPending}
                  onClick={() => (close(), reset.mutate({ conversationId }))}
                >
                  {reset.isPending ? 'Clearing…' : 'Clear memory'}
                </button>
                <button type="button" className="ghost danger-text" disabled={busy} onClick={() => (close(), setDeleting(true))}>
                  Delete…
                </button>
              </>
            )}
          </Menu>
        )}
        <InsightsButton onToggle={onToggleInsights} />
      </div>
      {deleting && conversationId && title !== null && (
        <DeleteDialog
          conversationId={conversationId}
          title={title}
          onClose={() => (setDeleting(false), focusActions())}
          onDeleted={onDeleted}
        />
      )}
    </header>
  );
}

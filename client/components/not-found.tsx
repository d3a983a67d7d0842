// What an address that names nothing shows: an unknown path, a malformed id, a conversation that
// does not exist (any more). Always with a way back.
import type { MouseEvent } from 'react';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { DrawerButton } from './drawer-button.tsx';

type Props = { what: 'page' | 'conversation'; onBack: () => void; onOpenDrawer: () => void };

export function NotFound({ what, onBack, onOpenDrawer }: Props) {
  useDocumentTitle(what === 'page' ? 'Page not found' : 'Conversation not found');
  const back = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    onBack();
  };
  return (
    <main className="chat-pane not-found" id="main" tabIndex={-1} aria-labelledby="not-found-title" data-testid="not-found">
      <header className="chat-header">
        <DrawerButton onOpen={onOpenDrawer} />
        <h1 id="not-found-title">{what === 'page' ? 'Page not found' : 'Conversation not found'}</h1>
      </header>
      <div className="chat-notice">
        <p>
          {what === 'page'
            ? 'Nothing lives at this address. It may be mistyped, or a link from an older version.'
            : 'No conversation has this address. It may have been deleted, or the link is incomplete.'}
        </p>
        <a className="button primary" href="/" onClick={back}>
          Back to a new chat
        </a>
      </div>
    </main>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useRefreshChat } from '../hooks/use-refresh-chat.ts';
import { useTRPC } from '../trpc.ts';
import { ExportButtons } from './export-buttons.tsx';

type Props = { conversationId: string | null; title: string; busy: boolean; onToggleInsights: () => void };

export function ChatHeader({ conversationId, title, busy, onToggleInsights }: Props) {
  const trpc = useTRPC();
  const refresh = useRefreshChat();
  // History stays; only what reaches the model is cut at this point.
  const reset = useMutation(trpc.chat.reset.mutationOptions({ onSuccess: (result) => refresh(result.conversationId) }));
  return (
    <header className="chat-header">
      <h1 title={title}>{title}</h1>
      <div className="actions">
        {reset.error && (
          <span className="field-error" role="alert">
            {reset.error.message}
          </span>
        )}
        {conversationId && <ExportButtons conversationId={conversationId} />}
        {conversationId && (
          <button
            type="button"
            className="ghost"
            disabled={busy || reset.isPending}
            onClick={() => reset.mutate({ conversationId })}
          >
            {reset.isPending ? 'Clearing…' : 'Clear memory'}
          </button>
        )}
        <button type="button" className="ghost insights-toggle" onClick={onToggleInsights}>
          Usage &amp; memory
        </button>
      </div>
    </header>
  );
}

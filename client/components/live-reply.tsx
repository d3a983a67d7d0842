// A turn as it streams: the badge follows the `agent` events, the text grows with each delta.
import type { LiveTurn } from '../hooks/use-turn-stream.ts';
import { AgentBadge } from './agent-badge.tsx';
import { MarkdownText } from './markdown-text.tsx';
import { UserMessage } from './user-message.tsx';

type Props = { live: LiveTurn; onResend: () => void; onDismiss: () => void };

export function LiveReply({ live, onResend, onDismiss }: Props) {
  const current = live.path.at(-1);
  const runningTools = live.tools.filter((tool) => tool.phase === 'start');
  return (
    <div className="live-turn">
      <UserMessage text={live.userText} />
      <article className="msg reply live" data-testid="live-reply" aria-label="Reply in progress" aria-busy={live.running}>
        <header>
          {current ? <AgentBadge agent={current.agent} pending={live.running} /> : <span className="muted">Sending…</span>}
          {current?.reason && <span className="reason">“{current.reason}”</span>}
        </header>
        {live.text ? <MarkdownText text={live.text} /> : live.running && <TypingDots />}
        {runningTools.map((tool) => (
          <p key={tool.callId} className="muted small">
            {tool.agent} is using {tool.name}…
          </p>
        ))}
        {live.error && (
          <div className="turn-error" role="alert">
            <p>{live.error.message}</p>
            {/* A stored turn comes back from history with its Retry; only an unsent message is offered again here. */}
            {!live.turnId && (
              <div className="actions">
                <button type="button" onClick={onResend}>
                  Send again
                </button>
                <button type="button" className="ghost" onClick={onDismiss}>
                  Dismiss
                </button>
              </div>
            )}
          </div>
        )}
      </article>
    </div>
  );
}

function TypingDots() {
  return (
    <span className="typing" role="status" aria-label="Thinking">
      <span />
      <span />
      <span />
    </span>
  );
}

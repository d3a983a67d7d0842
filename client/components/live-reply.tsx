// A turn as it streams: the badge follows the `agent` events, the text grows with each delta.
import type { LiveTurn } from '../live-turn.ts';
import { AgentBadge } from './agent-badge.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { MarkdownText } from './markdown-text.tsx';
import { UserMessage } from './user-message.tsx';

type Props = { live: LiveTurn; onResend: () => void; onDismiss: () => void };

function status(live: LiveTurn): string | null {
  if (live.reconnecting) return 'Connection lost: reconnecting…';
  if (!live.running) return null;
  return live.turnId ? null : 'Sending…';
}

export function LiveReply({ live, onResend, onDismiss }: Props) {
  const current = live.path.at(-1);
  const runningTools = live.tools.filter((tool) => tool.phase === 'start');
  const note = status(live);
  const unsent = Boolean(live.error && !live.turnId);
  return (
    <div className="live-turn">
      <UserMessage text={live.userText} state={unsent ? 'Not sent' : live.turnId ? undefined : (note ?? undefined)} />
      <article className="msg reply live" data-testid="live-reply" aria-label="Reply in progress" aria-busy={live.running}>
        <header>
          {current && <AgentBadge agent={current.agent} pending={live.running} />}
          {current?.reason && <span className="reason">“{current.reason}”</span>}
          {note && (
            <span className="muted small" role="status" data-testid="send-state">
              {note}
            </span>
          )}
        </header>
        {live.text ? <MarkdownText text={live.text} /> : live.running && <TypingDots />}
        {runningTools.map((tool) => (
          <p key={tool.callId} className="muted small">
            {tool.agent} is using {tool.name}…
          </p>
        ))}
        {live.error && (
          <ErrorNotice failure={live.error} heading={unsent ? 'Not sent.' : undefined} testId="send-error">
            {/* A stored turn comes back from history with its Retry; only an unsent message is offered again here. */}
            {unsent && (
              <>
                <button type="button" className="primary" onClick={onResend}>
                  Send again
                </button>
                <button type="button" onClick={onDismiss}>
                  Dismiss
                </button>
              </>
            )}
          </ErrorNotice>
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

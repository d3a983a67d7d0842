// A turn as it streams: the badge follows the `agent` events, the text grows with each delta.
import type { LiveTurn } from '../live-turn.ts';
import { toolWords } from '../tool-words.ts';
import { AgentBadge } from './agent-badge.tsx';
import type { RowActions } from './chat-row.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { MarkdownText } from './markdown-text.tsx';
import { RetryButton } from './retry-button.tsx';
import { UserMessage } from './user-message.tsx';

type Props = { live: LiveTurn; actions: RowActions };

function status(live: LiveTurn): string | null {
  if (live.reconnecting) return 'Connection lost: reconnecting…';
  if (!live.running) return null;
  return live.turnId ? null : 'Sending…';
}

export function LiveReply({ live, actions }: Props) {
  const current = live.path.at(-1);
  const runningTools = live.tools.filter((tool) => tool.phase === 'start');
  const note = status(live);
  const unsent = Boolean(live.error && !live.turnId);
  // Failed with its outcome known: Retry at once. A lost connection waits for the stored turn.
  const failedTurn = live.error && live.turnId && live.error.code !== 'LOST' ? live.turnId : null;
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
            {tool.agent} is {toolWords(tool.name, 'now')}…
          </p>
        ))}
        {live.error && (
          <ErrorNotice failure={live.error} heading={unsent ? 'Not sent.' : undefined} testId="send-error">
            {unsent && (
              <>
                <button type="button" className="primary" onClick={actions.onResend}>
                  Send again
                </button>
                <button type="button" onClick={actions.onDismiss}>
                  Dismiss
                </button>
              </>
            )}
            {failedTurn && <RetryButton turnId={failedTurn} action={actions} />}
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

// A failed turn keeps the user's message; Retry runs the same turn again. A turn stopped before
// any text is shown the same way, as stopped. What streamed before a cut, when this tab saw it,
// stays above the notice.
import type { Turn } from '../api-types.ts';
import { cutReplyOf } from '../cut-replies.ts';
import { ErrorNotice } from './error-notice.tsx';
import { MarkdownText } from './markdown-text.tsx';
import { type RetryAction, RetryButton } from './retry-button.tsx';

export function FailedTurn({ turn, action }: { turn: Turn; action: RetryAction }) {
  const stopped = turn.status === 'cancelled';
  const failure = stopped
    ? { code: 'CANCELLED', message: 'Stopped before the reply began.' }
    : (turn.error ?? { code: 'INTERNAL', message: 'The model did not answer.' });
  return (
    <>
      {!stopped && <CutReply turnId={turn.id} />}
      <ErrorNotice failure={failure} heading={stopped ? 'Stopped.' : 'No answer.'} testId="failed-turn">
        <RetryButton turnId={turn.id} action={action} />
      </ErrorNotice>
    </>
  );
}

export function CutReply({ turnId }: { turnId: string }) {
  const cut = cutReplyOf(turnId);
  if (!cut) return null;
  return (
    <article className="msg reply cut" data-testid="cut-reply" aria-label="Reply cut off">
      <p className="muted small">
        {cut.agent ? `${cut.agent} had written this much, not saved:` : 'Written before the cut, not saved:'}
      </p>
      <MarkdownText text={cut.text} />
    </article>
  );
}

import { formatTime } from '../format.ts';

/** What the person wrote, shown as plain text: nothing in it is ever interpreted as markup. */
export function UserMessage({ text, at, state }: { text: string; at?: string; state?: string }) {
  return (
    <article className="msg user" data-testid="message" data-role="user" aria-label="You said">
      <div className={state === 'Not sent' ? 'bubble unsent' : 'bubble'}>{text}</div>
      {at && <time dateTime={at}>{formatTime(at)}</time>}
      {state && (
        <span className={state === 'Not sent' ? 'send-state bad' : 'send-state'} data-testid="message-state">
          {state}
        </span>
      )}
    </article>
  );
}

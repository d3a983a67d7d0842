import { formatTime } from '../format.ts';

/** What the person wrote, shown as plain text: nothing in it is ever interpreted as markup. */
export function UserMessage({ text, at }: { text: string; at?: string }) {
  return (
    <article className="msg user" data-testid="message" data-role="user" aria-label="You said">
      <div className="bubble">{text}</div>
      {at && <time dateTime={at}>{formatTime(at)}</time>}
    </article>
  );
}

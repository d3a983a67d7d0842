import { splitAttachments } from '../../shared/attachments.ts';
import { formatTime } from '../format.ts';
import { MessageChips } from './attachment-chips.tsx';

/** What the person wrote, shown as plain text: nothing in it is ever interpreted as markup. */
export function UserMessage({ text: message, at, state }: { text: string; at?: string; state?: string }) {
  const { text, files } = splitAttachments(message);
  return (
    <article className="msg user" data-testid="message" data-role="user" aria-label="You said">
      {text.trim() && <div className={state === 'Not sent' ? 'bubble unsent' : 'bubble'}>{text}</div>}
      <MessageChips files={files} />
      {at && <time dateTime={at}>{formatTime(at)}</time>}
      {state && (
        <span className={state === 'Not sent' ? 'send-state bad' : 'send-state'} data-testid="message-state">
          {state}
        </span>
      )}
    </article>
  );
}

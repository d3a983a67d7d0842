// The message box. Enter sends and Shift+Enter adds a line (on a keyboard; on a touch screen
// Enter adds a line and the button sends). While a reply streams the box stays open for
// drafting; sending waits for the reply. The text is a draft kept per conversation.
import { type FormEvent, type KeyboardEvent, useEffect, useRef } from 'react';
import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import { draftKey, useDraft } from '../drafts.ts';

const touchScreen = () => window.matchMedia('(pointer: coarse)').matches;

/** `onStop`: set while a reply this tab follows is streaming; Stop then takes Send's place. */
type Props = {
  busy: boolean;
  blocked: boolean;
  onSend: (text: string) => void;
  onStop?: () => void;
  conversationId: string | null;
};

export function Composer({ busy, blocked, onSend, onStop, conversationId }: Props) {
  const [text, setText] = useDraft(draftKey(conversationId));
  const input = useRef<HTMLTextAreaElement>(null);

  // Focus again when another conversation opens, or once it has loaded (the reasons to run, not values used).
  // biome-ignore lint/correctness/useExhaustiveDependencies: conversationId and blocked are the triggers.
  useEffect(() => {
    if (!touchScreen()) input.current?.focus();
  }, [conversationId, blocked]);

  const blank = text.trim().length === 0;
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const canSend = !busy && !blocked && !blank && !tooLong;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(text);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && !touchScreen()) submit(event);
  };
  const hint = busy ? 'You can keep writing: send once the reply is finished.' : 'Enter sends · Shift+Enter adds a line';

  return (
    <form className="composer" onSubmit={submit} aria-label="Write a message">
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={input}
        value={text}
        rows={Math.min(8, Math.max(1, text.split('\n').length))}
        placeholder="Ask about your business…"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={blocked}
        aria-describedby={tooLong ? 'composer-hint composer-too-long' : 'composer-hint'}
      />
      {/* Keyed apart: one reused element would fade from Send's colours into Stop's. */}
      {onStop ? (
        <button key="stop" type="button" className="stop" onClick={onStop} data-testid="stop">
          Stop
        </button>
      ) : (
        <button key="send" type="submit" className="primary" disabled={!canSend}>
          Send
        </button>
      )}
      <p id="composer-hint" className={busy ? 'composer-hint waiting' : 'composer-hint'} aria-live="polite">
        {hint}
      </p>
      {tooLong && (
        <p id="composer-too-long" className="field-error">
          Keep it under {MAX_MESSAGE_CHARS.toLocaleString('en')} characters ({text.length.toLocaleString('en')} now).
        </p>
      )}
    </form>
  );
}

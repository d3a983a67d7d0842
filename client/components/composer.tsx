// Enter sends, Shift+Enter starts a new line; disabled while a turn runs.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

const MAX_CHARS = 16_000;

type Props = { busy: boolean; onSend: (text: string) => void; autoFocusKey: string };

export function Composer({ busy, onSend, autoFocusKey }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy, autoFocusKey]);

  const blank = text.trim().length === 0;
  const tooLong = text.length > MAX_CHARS;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || blank || tooLong) return;
    onSend(text);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={input}
        value={text}
        rows={Math.min(8, Math.max(1, text.split('\n').length))}
        placeholder={busy ? 'Waiting for the reply…' : 'Ask about your business…'}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={busy}
        aria-describedby={tooLong ? 'composer-hint composer-too-long' : 'composer-hint'}
      />
      <button type="submit" className="primary" disabled={busy || blank || tooLong}>
        Send
      </button>
      <p id="composer-hint" className="composer-hint">
        Enter sends · Shift+Enter adds a line
      </p>
      {tooLong && (
        <p id="composer-too-long" className="field-error">
          Keep it under {MAX_CHARS.toLocaleString('en')} characters ({text.length.toLocaleString('en')} now).
        </p>
      )}
    </form>
  );
}

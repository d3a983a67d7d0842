// The message box. Enter sends and Shift+Enter adds a line (on a keyboard; on a touch screen
// Enter adds a line and the button sends). While a reply streams the box stays open for
// drafting; sending waits for the reply. The text is a draft kept per conversation. Files are
// attached with the button, a paste or a drop: they upload to the business and go with the message.
import { type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { withAttachments } from '../../shared/attachments.ts';
import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import { draftKey, useDraft } from '../drafts.ts';
import { useAttachments } from '../hooks/use-attachments.ts';
import { useBusiness } from '../hooks/use-business.ts';
import { ComposerChips, PaperClip } from './attachment-chips.tsx';

const ACCEPT = '.pdf,.csv,.md,.markdown,.txt,application/pdf,text/csv,text/markdown,text/plain';

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
  const picker = useRef<HTMLInputElement>(null);
  const { businessId } = useBusiness();
  const files = useAttachments(businessId);
  const [dragging, setDragging] = useState(false);

  // Focus again when another conversation opens, or once it has loaded (the reasons to run, not values used).
  // biome-ignore lint/correctness/useExhaustiveDependencies: conversationId and blocked are the triggers.
  useEffect(() => {
    if (!touchScreen()) input.current?.focus();
  }, [conversationId, blocked]);

  const blank = text.trim().length === 0;
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const canSend = !busy && !blocked && (!blank || files.ready.length > 0) && !tooLong && !files.uploading;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(withAttachments(text, files.ready));
    setText('');
    files.clear();
  };
  const onPaste = (event: ClipboardEvent) => {
    if (!event.clipboardData.files.length) return;
    event.preventDefault();
    files.add(event.clipboardData.files);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!blocked) files.add(event.dataTransfer.files);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && !touchScreen()) submit(event);
  };
  const hint = busy ? 'You can keep writing: send once the reply is finished.' : 'Enter sends · Shift+Enter adds a line';

  return (
    <form
      className={dragging ? 'composer dragging' : 'composer'}
      onSubmit={submit}
      aria-label="Write a message"
      onDragOver={(event) => (event.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <ComposerChips attachments={files.attachments} onRemove={files.remove} />
      <button
        type="button"
        className="ghost icon attach"
        aria-label="Attach a file"
        title="Attach a PDF, CSV, Markdown or text file"
        disabled={blocked}
        onClick={() => picker.current?.click()}
      >
        <PaperClip />
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          files.add([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
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
        onPaste={onPaste}
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

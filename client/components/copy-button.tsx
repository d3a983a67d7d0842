import { useEffect, useState } from 'react';

/** `what` completes the name for screen readers ("Copy reply", "Copy python code") while the visible text stays short. */
export function CopyButton({ text, what = 'reply' }: { text: string; what?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  // The clipboard API exists only in secure contexts (https or localhost).
  const copy = () =>
    (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'))).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <button type="button" className="ghost small" onClick={copy}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
}

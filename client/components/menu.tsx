// A small disclosure menu (native <details>): closes on Escape, on a click outside, or after a choice.
import { useEffect, useRef, type ReactNode } from 'react';

type Props = { label: string; icon: string; children: (close: () => void) => ReactNode };

export function Menu({ label, icon, children }: Props) {
  const details = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (details.current) details.current.open = false;
  };
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (details.current?.open && !details.current.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, []);
  return (
    <details
      ref={details}
      className="menu"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !details.current?.open) return;
        close();
        details.current.querySelector('summary')?.focus();
      }}
    >
      <summary className="button ghost icon" aria-label={label}>
        <span aria-hidden="true">{icon}</span>
      </summary>
      <div className="menu-items">{children(close)}</div>
    </details>
  );
}

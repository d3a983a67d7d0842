// A small pop-up list of actions: closes on Escape (focus back on its button), on a click
// outside, or after a choice.
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/** `buttonId`: where a dialog opened from the menu gives focus back once it closes. */
type Props = { label: string; icon: string; buttonId?: string; children: (close: () => void) => ReactNode };

export function Menu({ label, icon, buttonId, children }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    root.current?.querySelector<HTMLButtonElement>('.menu-items button')?.focus();
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from any of its buttons.
    <div
      ref={root}
      className="menu"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        id={buttonId}
        type="button"
        className="ghost icon"
        aria-label={label}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">{icon}</span>
      </button>
      <div id={id} className="menu-items" hidden={!open} role="group" aria-label={label}>
        {children(() => setOpen(false))}
      </div>
    </div>
  );
}

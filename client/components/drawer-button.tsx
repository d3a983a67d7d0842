/** ☰ on phones: opens the conversation drawer (the one focus returns to when it closes). */
export function DrawerButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button type="button" id="drawer-button" className="ghost icon drawer-only" onClick={onOpen} aria-label="Conversations">
      <span aria-hidden="true">☰</span>
    </button>
  );
}

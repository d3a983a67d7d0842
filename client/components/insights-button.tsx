/** ▤: shows or hides the usage, profile and memory panel beside the chat or an agent's page. */
export function InsightsButton({ onToggle }: { onToggle: () => void }) {
  return (
    <button type="button" className="ghost icon insights-toggle" onClick={onToggle} aria-label="Usage, profile & memory">
      <span aria-hidden="true">▤</span>
    </button>
  );
}

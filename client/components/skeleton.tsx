// Grey placeholder lines where content is loading: the layout holds still, and nothing that can
// be edited shows before what it edits has arrived.
export function Skeleton({
  label,
  lines = 3,
  variant = 'lines',
}: {
  label: string;
  lines?: number;
  variant?: 'lines' | 'messages';
}) {
  return (
    <div className={`skeleton ${variant}`} role="status" aria-label={label} data-testid="skeleton">
      {Array.from({ length: lines }, (_, index) => (
        <span key={index} className="skeleton-line" />
      ))}
    </div>
  );
}

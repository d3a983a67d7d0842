// What changed between two versions, line by line (jsdiff): removed lines struck, added ones marked.
import { diffLines } from 'diff';

export function VersionDiff({ from, to }: { from: string; to: string }) {
  const parts = diffLines(from, to);
  if (parts.every((part) => !part.added && !part.removed)) return <p className="small muted">These versions are the same.</p>;
  return (
    <div className="diff" data-testid="version-diff">
      {parts.map((part, i) => {
        const lines = part.value.replace(/\n$/, '').split('\n');
        const Tag = part.added ? 'ins' : part.removed ? 'del' : 'span';
        return (
          <Tag key={i} className={`diff-part${part.added ? ' added' : part.removed ? ' removed' : ''}`}>
            {lines.map((line, j) => (
              <span key={j} className="diff-line">
                <span aria-hidden="true">{part.added ? '+ ' : part.removed ? '− ' : '  '}</span>
                {line}
              </span>
            ))}
          </Tag>
        );
      })}
    </div>
  );
}

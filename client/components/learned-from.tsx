// "Learned while reading price-list.pdf": what the turn that wrote a fact (or proposed a change)
// had read that nobody on the team wrote, each file linked to its stored bytes.
import { type ReadSource, readSourceLabel } from '../../shared/read-source.ts';
import { useFileUrl } from '../hooks/use-file-url.ts';

export function LearnedFrom({ sources }: { sources: ReadSource[] }) {
  if (!sources.length) return null;
  return (
    <p className="fact-source learned-from small" data-testid="learned-from">
      Learned while reading{' '}
      {sources.map((source, i) => (
        <span key={source.kind === 'file' ? source.fileId : readSourceLabel(source)}>
          {i > 0 && ', '}
          {source.kind === 'file' ? <FileLink fileId={source.fileId} name={source.name} /> : readSourceLabel(source)}
        </span>
      ))}
    </p>
  );
}

function FileLink({ fileId, name }: { fileId: string; name: string }) {
  const { src } = useFileUrl(`/api/files/${fileId}`);
  return src ? (
    <a href={src} target="_blank" rel="noopener noreferrer">
      {name}
    </a>
  ) : (
    <span>{name}</span>
  );
}

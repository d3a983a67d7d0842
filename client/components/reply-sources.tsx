// "From your files": the passages the answer's file searches found (kept with the turn, so every
// answer drawn from a file names it, whatever the model wrote), each opening that file — a PDF
// at its page. With an access token set the file is fetched with it and opened from memory.
import type { MouseEvent } from 'react';
import { readToken } from '../access-token.ts';
import type { Turn } from '../api-types.ts';

type Source = NonNullable<Turn['tools'][number]['sources']>[number];

export function sourcesOf(turn: Turn): Source[] {
  const seen = new Set<string>();
  return turn.tools
    .flatMap((tool) => (tool.ok ? (tool.sources ?? []) : []))
    .filter((source) => {
      const key = `${source.fileId} ${source.location}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

function hrefOf(source: Source): string {
  const page = /^page (\d+)$/.exec(source.location)?.[1];
  return `/api/files/${source.fileId}${page ? `#page=${page}` : ''}`;
}

/** Opens a stored file in a new tab, fetched with the access token (a plain link could not send it). */
export async function openWithToken(event: MouseEvent<HTMLAnchorElement>, token: string) {
  event.preventDefault();
  const opened = window.open('', '_blank');
  const { href } = event.currentTarget;
  const response = await fetch(href, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !opened) return opened?.close();
  opened.location.href = URL.createObjectURL(await response.blob()) + new URL(href).hash;
}

export function ReplySources({ turn }: { turn: Turn }) {
  const sources = sourcesOf(turn);
  if (!sources.length) return null;
  const token = readToken();
  return (
    <p className="reply-sources" data-testid="reply-sources">
      <span className="muted small">From your files: </span>
      {sources.map((source, index) => (
        <span key={`${source.fileId}-${source.location}`}>
          {index > 0 && ' · '}
          <a
            href={hrefOf(source)}
            target="_blank"
            rel="noopener"
            className="source-chip"
            onClick={token ? (event) => void openWithToken(event, token) : undefined}
          >
            {source.name}, {source.location}
          </a>
        </span>
      ))}
    </p>
  );
}

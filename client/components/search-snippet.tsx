// Why a conversation matched a search: the server's snippet, its matched words as <mark>.
// Built from text and ranges, never from HTML, so a message's own markup stays plain text.
import type { ConversationItem } from '../api-types.ts';

type Snippet = NonNullable<ConversationItem['snippet']>;

export function SearchSnippet({ snippet }: { snippet: Snippet }) {
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    if (start < at || end > snippet.text.length) continue;
    parts.push(snippet.text.slice(at, start), { mark: snippet.text.slice(start, end) });
    at = end;
  }
  parts.push(snippet.text.slice(at));
  return (
    <span className="search-snippet" data-testid="search-snippet">
      {parts.map((part, index) => (typeof part === 'string' ? part : <mark key={index}>{part.mark}</mark>))}
    </span>
  );
}

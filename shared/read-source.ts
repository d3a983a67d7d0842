// What a turn read that nobody on the team wrote: an uploaded file's passages, web results, an
// owner's tool's output. A fact written after reading one says so ("learned while reading price-list.pdf").
export type ReadSource =
  | { kind: 'file'; fileId: string; name: string }
  | { kind: 'web'; query: string | null }
  | { kind: 'tool'; name: string };

/** The sentence a person sees, e.g. "price-list.pdf" or "web results for “candle prices”". */
export function readSourceLabel(source: ReadSource): string {
  if (source.kind === 'file') return source.name;
  if (source.kind === 'tool') return `the output of ${source.name}`;
  return source.query ? `web results for “${source.query}”` : 'web results';
}

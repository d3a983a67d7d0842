// `switchboard list`: conversations, newest first, optionally by agent; or the best matches of a search.
import type { AgentName } from '../../../shared/roster.ts';
import type { Client } from '../client.ts';
import { type Out, shortTime } from '../print.ts';

/** The matched words between ** marks: readable in any terminal and in a pipe. */
function markHighlights(snippet: { text: string; highlights: { start: number; end: number }[] }): string {
  let text = '';
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    text += `${snippet.text.slice(at, start)}**${snippet.text.slice(start, end)}**`;
    at = end;
  }
  return text + snippet.text.slice(at);
}

export async function list(
  client: Client,
  out: Out,
  input: { agent?: AgentName; query?: string; limit?: number; businessId?: string },
): Promise<void> {
  const { items, nextCursor } = await client.conversations.list.query(input);
  if (!items.length) {
    out.stderr('No conversations found.\n');
    return;
  }
  for (const item of items) {
    const failed = item.lastTurnStatus === 'failed' ? '  (last turn failed)' : '';
    out.stdout(`${item.id}  ${shortTime(item.updatedAt)}  ${item.title}  [${item.agents.join(', ')}]${failed}\n`);
    if (item.snippet) out.stdout(`    ${markHighlights(item.snippet)}\n`);
  }
  if (nextCursor) out.stderr(`More conversations exist: raise --limit or narrow with --agent / --query.\n`);
}

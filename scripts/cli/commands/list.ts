// `switchboard list`: conversations, newest first, optionally by agent or text.
import type { AgentName } from '../../../shared/roster.ts';
import type { Client } from '../client.ts';
import { shortTime, type Out } from '../print.ts';

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
  }
  if (nextCursor) out.stderr(`More conversations exist: raise --limit or narrow with --agent / --query.\n`);
}

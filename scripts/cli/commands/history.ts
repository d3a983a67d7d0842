// `switchboard history`: a conversation as it happened, each reply with how it was routed and its
// turn id, so a failed turn can be retried from here.
import type { TurnDto } from '../../../server/routers/dto.ts';
import type { Client } from '../client.ts';
import { indentText, type Out, routingBlock, shortTime } from '../print.ts';

export async function history(client: Client, out: Out, conversationId: string): Promise<void> {
  const { conversation, messages, turns } = await client.chat.history.query({ conversationId });
  const turnsById = new Map(turns.map((t) => [t.id, t]));
  out.stdout(`${conversation.title}\n${conversation.id} · ${turns.length} turn${turns.length === 1 ? '' : 's'}\n`);
  for (const message of messages) {
    const who = message.role === 'user' ? 'You' : (message.agent ?? 'Assistant');
    out.stdout(`\n${who} · ${shortTime(message.createdAt)}\n${indentText(message.content)}\n`);
    const turn = message.turnId ? turnsById.get(message.turnId) : undefined;
    // Routing goes under the reply, or under the user's message when the turn has no reply.
    const closesTurn = message.role === 'assistant' || (turn !== undefined && turn.status !== 'completed');
    if (turn && closesTurn) out.stdout(`${turnIdLine(turn)}\n${routingBlock(turn, '    ')}\n`);
  }
}

function turnIdLine(turn: TurnDto): string {
  const retry =
    turn.status === 'failed' || turn.status === 'cancelled'
      ? ` (${turn.status === 'cancelled' ? 'stopped; ' : ''}retry: switchboard retry ${turn.id})`
      : '';
  return `    ${'turn'.padEnd(12)} ${turn.id}${retry}`;
}

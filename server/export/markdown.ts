// A conversation as a Markdown document: every message, and under each reply how it was routed.
import type { MessageDto } from '../routers/dto.ts';
import type { HistoryDto } from '../routers/load-history.ts';
import { routingFacts } from './routing-facts.ts';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function toMarkdown(history: HistoryDto, exportedAt: Date): string {
  const { conversation, messages, turns } = history;
  const replies = new Map<string, MessageDto>();
  for (const m of messages) if (m.role === 'assistant' && m.turnId) replies.set(m.turnId, m);
  const turnsById = new Map(turns.map((t) => [t.id, t]));
  const memoryFrom = conversation.memoryFrom ? Date.parse(conversation.memoryFrom) : null;
  let resetShown = false;

  const out = [
    `# ${oneLine(conversation.title)}`,
    '',
    `Exported from Switchboard on ${exportedAt.toISOString()}. Conversation \`${conversation.id}\`, started ${conversation.createdAt}, ${turns.length} turn${turns.length === 1 ? '' : 's'}. Costs are estimates from list prices.`,
  ];
  let number = 0;
  for (const message of messages) {
    if (message.role !== 'user') continue;
    if (memoryFrom !== null && !resetShown && Date.parse(message.createdAt) >= memoryFrom) {
      out.push('', '---', '', '*Memory was reset here: later replies do not see the messages above.*');
      resetShown = true;
    }
    const turn = message.turnId ? turnsById.get(message.turnId) : undefined;
    const reply = message.turnId ? replies.get(message.turnId) : undefined;
    out.push('', `## Turn ${++number} · ${message.createdAt}`, '', '**You:**', '', message.content);
    if (reply) out.push('', `**${reply.agent ?? 'Assistant'}:**`, '', reply.content, ...imageLinks(reply));
    if (!turn) continue;
    if (turn.status === 'failed') out.push('', '**This turn failed** and has no reply.');
    if (turn.status === 'cancelled')
      out.push('', reply ? '*Stopped: the reply ends where it was stopped.*' : '**This turn was stopped** before any reply.');
    if (turn.status === 'running') out.push('', '*This turn was still being answered when exported.*');
    out.push('', '*Routing*', '', ...routingFacts(turn).map((f) => `- **${f.label}:** ${oneLine(f.value)}`));
  }
  return `${out.join('\n')}\n`;
}

/** The reply's images as Markdown images, the prompt as alt text; links relative to the server. */
function imageLinks(reply: MessageDto): string[] {
  return (reply.attachments ?? []).flatMap((image) => ['', `![${oneLine(image.prompt).replace(/[[\]]/g, '')}](${image.url})`]);
}

// A TypeScript program using Switchboard through its typed tRPC client:
//   node examples/two-turns.ts   (with the server running; SWITCHBOARD_URL to point elsewhere)
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../server/routers/index.ts';

const base = process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:3000';
const token = process.env.SWITCHBOARD_TOKEN;

const client = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: `${base}/api/trpc`,
      headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
    }),
  ],
});

const first = await client.chat.send.mutate({ message: 'Suggest a brand name for my eco-friendly candle shop.' });
printTurn(first);
const second = await client.chat.send.mutate({
  conversationId: first.conversationId,
  message: 'How do I grow an Instagram audience for it?',
});
printTurn(second);

function printTurn({ turn, reply }: typeof first): void {
  // No reply: the turn waits for the owner's approval of a tool call (see README, Connections).
  console.log(reply ? `\n${reply.agent}: ${reply.content}\n` : `\n(waiting for your approval: switchboard approvals)\n`);
  console.log(`  path:    ${turn.agents.join(' → ')}`);
  for (const h of turn.handoffs) console.log(`  handoff: ${h.from} → ${h.to} (${h.reason})`);
  for (const t of turn.tools) console.log(`  tool:    ${t.agent} ran ${t.name} in ${t.ms} ms${t.ok ? '' : ' (failed)'}`);
  console.log(`  tokens:  ${turn.usage.inputTokens} in, ${turn.usage.outputTokens} out · ${turn.latencyMs} ms · ${turn.model}`);
}

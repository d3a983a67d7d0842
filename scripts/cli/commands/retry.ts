// `switchboard retry`: runs a failed turn again; its message was kept when it failed.
import type { Client } from '../client.ts';
import type { Out } from '../print.ts';
import { printOutcome } from './send.ts';

export async function retry(client: Client, out: Out, turnId: string): Promise<void> {
  out.stderr('Retrying…\n');
  const outcome = await client.chat.retry.mutate({ turnId });
  if (outcome.reply) out.stderr(`→ ${outcome.reply.agent ?? 'Assistant'}\n`);
  printOutcome(out, outcome, { streamed: false });
}

// `switchboard rename` and `switchboard delete`: tidy the conversation list from the terminal.
import type { Client } from '../client.ts';
import type { Out } from '../print.ts';

export async function rename(client: Client, out: Out, input: { conversationId: string; title: string }): Promise<void> {
  const conversation = await client.conversations.rename.mutate(input);
  out.stdout(`${conversation.id}  ${conversation.title}\n`);
}

export async function remove(client: Client, out: Out, conversationId: string): Promise<void> {
  await client.conversations.delete.mutate({ conversationId });
  out.stderr(`Deleted conversation ${conversationId} with its messages and turns.\n`);
}

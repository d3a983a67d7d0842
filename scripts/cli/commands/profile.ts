// `switchboard businesses` and `switchboard profile`: what Switchboard knows about each business.
import type { Client } from '../client.ts';
import { type Out, shortTime } from '../print.ts';

export async function businesses(client: Client, out: Out): Promise<void> {
  const { items } = await client.businesses.list.query();
  for (const business of items) out.stdout(`${business.id}  ${business.name}${business.isDefault ? '  (default)' : ''}\n`);
}

export async function listProfile(client: Client, out: Out, input: { businessId?: string }): Promise<void> {
  const { facts } = await client.profile.get.query(input);
  if (!facts.length) {
    out.stderr('No facts yet: experts remember what you tell them, or add one with `switchboard profile add "<text>"`.\n');
    return;
  }
  for (const fact of facts) {
    const source =
      fact.source.kind === 'user'
        ? 'you'
        : `${fact.source.agent}${fact.source.conversationId ? ` in ${fact.source.conversationId}` : ''}`;
    out.stdout(`${fact.id}  ${fact.text}  (${source}, ${shortTime(fact.updatedAt)})\n`);
  }
}

export async function addFact(client: Client, out: Out, input: { businessId?: string; text: string }): Promise<void> {
  const fact = await client.profile.add.mutate(input);
  out.stdout(`${fact.id}  ${fact.text}\n`);
}

export async function forgetFact(client: Client, out: Out, factId: string): Promise<void> {
  await client.profile.forget.mutate({ factId });
  out.stderr(`Forgotten: no model call will see fact ${factId} again.\n`);
}

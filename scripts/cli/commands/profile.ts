// `switchboard businesses` and `switchboard profile`: what Switchboard knows about each business.
import { type ReadSource, readSourceLabel } from '../../../shared/read-source.ts';
import type { Client } from '../client.ts';
import { type Out, shortTime } from '../print.ts';

export async function businesses(client: Client, out: Out): Promise<void> {
  const { items } = await client.businesses.list.query();
  for (const business of items) out.stdout(`${business.id}  ${business.name}${business.isDefault ? '  (default)' : ''}\n`);
}

type Source = { kind: 'user' } | { kind: 'agent'; agent: string; conversationId: string | null };

function writer(source: Source, learnedFrom: ReadSource[]): string {
  if (source.kind === 'user') return 'you';
  const where = source.conversationId ? ` in ${source.conversationId}` : '';
  const read = learnedFrom.length ? `, learned while reading ${learnedFrom.map(readSourceLabel).join(', ')}` : '';
  return `${source.agent}${where}${read}`;
}

/** The facts, then the models' changes to the owner's facts that wait for `profile accept` or `dismiss`. */
export async function listProfile(client: Client, out: Out, input: { businessId?: string }): Promise<void> {
  const { facts, proposals } = await client.profile.get.query(input);
  if (!facts.length) {
    out.stderr('No facts yet: experts remember what you tell them, or add one with `switchboard profile add "<text>"`.\n');
    return;
  }
  for (const fact of facts)
    out.stdout(`${fact.id}  ${fact.text}  (${writer(fact.source, fact.learnedFrom)}, ${shortTime(fact.updatedAt)})\n`);
  if (!proposals.length) return;
  out.stdout(`\nWaiting for you (switchboard profile accept|dismiss <id>):\n`);
  for (const p of proposals)
    out.stdout(`${p.id}  "${p.currentText}" → "${p.text}"  (${writer(p.source, p.learnedFrom)}, ${shortTime(p.createdAt)})\n`);
}

/** Every text a fact has had, the current one first. */
export async function factHistory(client: Client, out: Out, factId: string): Promise<void> {
  const { versions } = await client.profile.history.query({ factId });
  const when = versions.map((v) => (v.replacedAt ? shortTime(v.writtenAt) : 'now'));
  const width = Math.max(...when.map((w) => w.length));
  versions.forEach((v, i) => out.stdout(`${when[i]!.padEnd(width)}  ${v.text}  (${writer(v.source, v.learnedFrom)})\n`));
}

export async function decideProposal(client: Client, out: Out, proposalId: string, accept: boolean): Promise<void> {
  if (accept) {
    const fact = await client.profile.accept.mutate({ proposalId });
    out.stdout(`${fact.id}  ${fact.text}\n`);
    return;
  }
  await client.profile.dismiss.mutate({ proposalId });
  out.stderr('Dismissed: the fact keeps its text.\n');
}

export async function addFact(client: Client, out: Out, input: { businessId?: string; text: string }): Promise<void> {
  const fact = await client.profile.add.mutate(input);
  out.stdout(`${fact.id}  ${fact.text}\n`);
}

export async function forgetFact(client: Client, out: Out, factId: string): Promise<void> {
  await client.profile.forget.mutate({ factId });
  out.stderr(`Forgotten: no model call will see fact ${factId} again.\n`);
}

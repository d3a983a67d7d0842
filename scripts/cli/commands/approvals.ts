// `switchboard approvals` lists the tool calls that wait for the owner's yes; `switchboard approve
// ID` (or `--reject`, `--always`) decides one, and the paused turn carries on where it stopped.
import type { TurnDto } from '../../../server/routers/dto.ts';
import type { Approval } from '../../../shared/turn-record.ts';
import type { Client } from '../client.ts';
import { CliError } from '../errors.ts';
import type { Out } from '../print.ts';
import { printOutcome } from './send.ts';

/** One call in plain words: who wants to run what, with which arguments. */
export function describeCall(approval: Approval): string {
  const where = approval.server ? `${approval.tool} on ${approval.server}` : approval.tool;
  const args = Object.entries(approval.arguments).map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
  const who = approval.consultedBy ? `${approval.agent} (asked by ${approval.consultedBy})` : approval.agent;
  return `${who} wants to run ${where}${args.length ? ` (${args.join(', ')})` : ''}`;
}

/** A turn that stopped to ask: its pending calls and how to decide them. */
export function printWaiting(out: Out, turn: Pick<TurnDto, 'approvals'>): void {
  const pending = (turn.approvals ?? []).filter((approval) => approval.status === 'pending');
  out.stderr('\nWaiting for your approval:\n');
  for (const approval of pending) out.stderr(`  ${approval.id}  ${describeCall(approval)}\n`);
  out.stderr('  approve: switchboard approve ID   reject: switchboard approve ID --reject\n');
}

export async function listApprovals(client: Client, out: Out, input: { businessId?: string }): Promise<void> {
  const { items } = await client.chat.approvals.query(input);
  if (!items.length) {
    out.stderr('Nothing waits for your approval.\n');
    return;
  }
  for (const item of items) out.stdout(`${item.approval.id}  ${describeCall(item.approval)}  (turn ${item.turnId})\n`);
}

export async function approve(
  client: Client,
  out: Out,
  input: { approvalId: string; decision: 'approve' | 'reject'; always: boolean },
): Promise<void> {
  const { items } = await client.chat.approvals.query({});
  const waiting = items.find((item) => item.approval.id === input.approvalId);
  if (!waiting) throw new CliError(`No call waits with id ${input.approvalId}: switchboard approvals lists them.`);
  out.stderr(input.decision === 'approve' ? 'Approved; the turn carries on…\n' : 'Rejected; the turn carries on…\n');
  // Still waiting (other calls of the turn need a decision, or the expert asks again): no reply yet.
  printOutcome(out, await client.chat.approve.mutate({ turnId: waiting.turnId, ...input }), { streamed: false });
}

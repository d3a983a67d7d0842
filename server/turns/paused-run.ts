// A run that stopped at the SDK's interruptions, as stored and as restored: the calls it waits on
// (turn.approvals), the owner's decisions applied exactly as recorded, and its record so far.
import { type Agent, RunContext, RunState, RunToolApprovalItem } from '@openai/agents';
import type { TurnRow } from '../../db/schema.ts';
import type { Approval, Consult } from '../../shared/turn-record.ts';
import type { Team } from '../agents/team.ts';
import type { TurnContext } from '../agents/turn-context.ts';
import type { CallTarget } from '../connections/turn-tools.ts';
import { DomainError } from '../errors.ts';
import type { RecordWithConsults } from './consult-recorder.ts';
import { expertNamed } from './route-request.ts';

/** What the expert reads in place of a call the owner turned down. */
export const REJECTED_CALL =
  'The owner declined this call, so it did not run. Answer without it: say plainly that it was not done.';

function callIdOf(item: RunToolApprovalItem): string {
  const raw = item.rawItem;
  return ('callId' in raw && typeof raw.callId === 'string' ? raw.callId : raw.id) ?? '';
}

function parsedArguments(text: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : { value: parsed };
  } catch {
    return { text };
  }
}

/** `owner`: the expert answering the turn; a call another expert asked for came from a consult of theirs. */
export function approvalsOf(
  items: RunToolApprovalItem[],
  owner: string | undefined,
  target: (toolName: string) => CallTarget | null,
): Approval[] {
  return items.map((item) => {
    const name = item.name ?? '';
    const where = target(name);
    return {
      id: callIdOf(item),
      agent: item.agent.name,
      server: where?.server ?? null,
      tool: where?.tool ?? name,
      arguments: parsedArguments(item.arguments),
      status: 'pending',
      decidedAt: null,
      ...(owner && item.agent.name !== owner ? { consultedBy: owner } : {}),
    };
  });
}

/** The approvals after one decision; the first decision on a call is the one that counts. */
export function decide(turn: TurnRow, approvalId: string, decision: 'approve' | 'reject', at: Date): Approval[] {
  const approval = turn.approvals.find((a) => a.id === approvalId);
  if (!approval) throw new DomainError('APPROVAL_NOT_FOUND', { turnId: turn.id });
  if (approval.status !== 'pending' || turn.status !== 'awaiting_approval')
    throw new DomainError('APPROVAL_DECIDED', { turnId: turn.id });
  const status = decision === 'approve' ? 'approved' : 'rejected';
  return turn.approvals.map((a) => (a.id === approvalId ? { ...a, status, decidedAt: at.toISOString() } : a));
}

/**
 * The paused run with this turn's fresh context and each call decided as the owner did; a call
 * with no recorded yes is rejected, never run. `team.orchestrator`: the agent every agent of the
 * run is reachable from; `team.advisors`: whose calls a consult's are.
 */
export async function restoreRun(
  team: Pick<Team, 'orchestrator' | 'advisors'>,
  runState: string,
  context: TurnContext,
  approvals: Approval[],
): Promise<RunState<TurnContext, Agent<TurnContext>>> {
  const state = await RunState.fromStringWithContext<TurnContext, Agent<TurnContext>>(
    team.orchestrator,
    runState,
    new RunContext(context),
  );
  for (const item of state.getInterruptions()) {
    const callId = callIdOf(item);
    const approval = approvals.find((a) => a.id === callId);
    const approved = approval?.status === 'approved';
    // A rejected MCP call never reaches its server, yet its record still names it.
    const server = approval?.server ?? undefined;
    context.toolCalls.set(callId, { ...context.toolCalls.get(callId), approved, ...(server ? { server } : {}) });
    const decided = approval?.consultedBy ? forItsAdvisor(item, team.advisors) : item;
    if (approved) state.approve(decided);
    else state.reject(decided, { message: REJECTED_CALL });
  }
  return state;
}

/**
 * A consult's call, decided for the advisor that asked it. The restored state names its agent
 * only, and finds the expert of that name (the consult tool hides its advisor from the SDK's
 * agent graph); the nested run looks its decisions up by the advisor itself.
 */
function forItsAdvisor(item: RunToolApprovalItem, advisors: Team['advisors']): RunToolApprovalItem {
  const advisor = expertNamed(item.agent.name);
  if (!advisor) return item;
  return new RunToolApprovalItem(item.rawItem, advisors[advisor], item.toolName);
}

/** The record a resumed run carries on from: what the turn had done before it paused. */
export function recordBefore(turn: TurnRow): RecordWithConsults {
  return {
    agents: turn.agents,
    handoffs: turn.handoffs,
    tools: turn.tools,
    agentUsage: turn.agentUsage,
    consults: turn.consults,
  };
}

/** The turn's whole record: before the pause, then since. */
export function joinRecords(before: RecordWithConsults, since: RecordWithConsults): RecordWithConsults {
  const usage = new Map(before.agentUsage.map((u) => [u.agent, { ...u }]));
  for (const u of since.agentUsage) {
    const entry = usage.get(u.agent);
    if (!entry) usage.set(u.agent, { ...u });
    else {
      entry.inputTokens += u.inputTokens;
      entry.cachedInputTokens = (entry.cachedInputTokens ?? 0) + (u.cachedInputTokens ?? 0);
      entry.outputTokens += u.outputTokens;
      entry.ms += u.ms;
    }
  }
  return {
    agents: [...before.agents, ...since.agents.filter((agent) => !before.agents.includes(agent))],
    handoffs: [...before.handoffs, ...since.handoffs],
    tools: [...before.tools, ...since.tools],
    agentUsage: [...usage.values()],
    consults: carriedOn(before.consults, since.consults),
  };
}

/** A consult the pause stopped goes on in the resumed run: one record, both legs' tokens and time. */
function carriedOn(before: Consult[], since: Consult[]): Consult[] {
  const consults = before.map((c) => ({ ...c }));
  for (const next of since) {
    const index = consults.findIndex(
      (c) => c.paused && c.by === next.by && c.agent === next.agent && c.question === next.question,
    );
    const paused = consults[index];
    if (!paused) {
      consults.push(next);
      continue;
    }
    const { paused: _, ...first } = paused;
    consults[index] = {
      ...first,
      inputTokens: first.inputTokens + next.inputTokens,
      cachedInputTokens: (first.cachedInputTokens ?? 0) + (next.cachedInputTokens ?? 0),
      outputTokens: first.outputTokens + next.outputTokens,
      ms: first.ms + next.ms,
      ok: next.ok,
      ...(next.paused ? { paused: true as const } : {}),
    };
  }
  return consults;
}

// Folds a turn's consults into its routing record.
import type { AgentUsage, Consult } from '../../shared/turn-record.ts';
import type { ConsultCall } from '../agents/consult-call.ts';
import type { RouteRecord } from './route-recorder.ts';

export type RecordWithConsults = RouteRecord & { consults: Consult[] };

/**
 * A consulted expert joins the path after the owner (once, at its first consult), its tokens and
 * time count as its own usage, so per-agent stats include the turns where it was consulted, and
 * its tool calls follow the owner's.
 */
export function withConsults(record: RouteRecord, calls: Iterable<ConsultCall>): RecordWithConsults {
  const made = [...calls];
  const consults = made.map((call) => call.toRecord());
  const agents = [...record.agents];
  const usage = new Map<string, AgentUsage>(record.agentUsage.map((u) => [u.agent, { ...u }]));
  for (const consult of consults) {
    if (!agents.includes(consult.agent)) agents.push(consult.agent);
    const entry = usage.get(consult.agent) ?? { agent: consult.agent, inputTokens: 0, outputTokens: 0, ms: 0 };
    entry.inputTokens += consult.inputTokens;
    entry.outputTokens += consult.outputTokens;
    entry.ms += consult.ms;
    usage.set(consult.agent, entry);
  }
  const tools = [...record.tools, ...made.flatMap((call) => call.tools)];
  return { ...record, agents, tools, agentUsage: [...usage.values()], consults };
}

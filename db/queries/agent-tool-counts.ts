import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { turns } from '../schema.ts';
import { turnsIn, type UsageScope } from './stats.ts';

export type AgentToolCountsRow = {
  agent: string;
  /** Calls to the owner's MCP servers (tool records with a `server`). */
  mcpCalls: number;
  /** Calls that asked the owner first, by the answer: run (`approved`) or not (`rejected`). */
  callsApproved: number;
  callsRejected: number;
};

const t = sql`t`;
const toolAgent = sql<string>`${t}->>'agent'`;

/**
 * Per-agent counts from each turn's tool records, whatever the turn's end. A call still waiting
 * for the owner has no record yet, so it is in neither approval count.
 */
export async function agentToolCounts(db: Db, scope: UsageScope = {}): Promise<AgentToolCountsRow[]> {
  return db
    .select({
      agent: toolAgent,
      mcpCalls: sql<number>`(count(*) filter (where ${t}->>'server' is not null))::int`,
      callsApproved: sql<number>`(count(*) filter (where ${t}->>'approved' = 'true'))::int`,
      callsRejected: sql<number>`(count(*) filter (where ${t}->>'approved' = 'false'))::int`,
    })
    .from(sql`${turns} cross join lateral jsonb_array_elements(${turns.tools}) as t`)
    .where(turnsIn(db, scope))
    .groupBy(toolAgent);
}

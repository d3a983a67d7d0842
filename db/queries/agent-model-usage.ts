import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { turns } from '../schema.ts';
import { agentName, agentUsageEntries, tokenSums, turnsIn, type UsageScope, u } from './stats.ts';

export type AgentModelUsageRow = {
  agent: string;
  model: string | null;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
};

/**
 * Token totals per (agent, model) over every turn (failed and stopped ones too): what a cost estimate needs, since prices
 * are per model. An agent's own model when recorded (the Orchestrator may run on a cheaper one),
 * else the turn's.
 */
export async function agentModelUsage(db: Db, scope: UsageScope = {}): Promise<AgentModelUsageRow[]> {
  const model = sql<string | null>`coalesce(${u}->>'model', ${turns.model})`;
  return db
    .select({ agent: agentName, model, ...tokenSums })
    .from(agentUsageEntries)
    .where(turnsIn(db, scope))
    .groupBy(agentName, model);
}

import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { turns } from '../schema.ts';
import { turnsIn, type UsageScope } from './stats.ts';

export type AgentModelUsageRow = {
  agent: string;
  model: string | null;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
};

/**
 * Token totals per (agent, model) over completed turns: what a cost estimate needs, since prices
 * are per model. An agent's own model when recorded (the Orchestrator may run on a cheaper one),
 * else the turn's.
 */
export async function agentModelUsage(db: Db, scope: UsageScope = {}): Promise<AgentModelUsageRow[]> {
  const u = sql`u`;
  const model = sql<string | null>`coalesce(${u}->>'model', ${turns.model})`;
  return db
    .select({
      agent: sql<string>`${u}->>'agent'`,
      model,
      inputTokens: sql<number>`coalesce(sum((${u}->>'inputTokens')::int), 0)::int`,
      cachedInputTokens: sql<number>`coalesce(sum((${u}->>'cachedInputTokens')::int), 0)::int`,
      outputTokens: sql<number>`coalesce(sum((${u}->>'outputTokens')::int), 0)::int`,
    })
    .from(sql`${turns} cross join lateral jsonb_array_elements(${turns.agentUsage}) as u`)
    .where(and(eq(turns.status, 'completed'), turnsIn(db, scope)))
    .groupBy(sql`${u}->>'agent'`, model);
}

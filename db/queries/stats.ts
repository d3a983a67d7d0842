import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, turns } from '../schema.ts';

/** Which turns a usage figure covers: one conversation, one business's, or all. */
export type UsageScope = { conversationId?: string; businessId?: string };

export function turnsIn(db: Db, scope: UsageScope) {
  return and(
    scope.conversationId ? eq(turns.conversationId, scope.conversationId) : undefined,
    scope.businessId
      ? inArray(
          turns.conversationId,
          db.select({ id: conversations.id }).from(conversations).where(eq(conversations.businessId, scope.businessId)),
        )
      : undefined,
  );
}

/**
 * One row per agent per turn in scope, whatever the turn's end: each turn's per-agent usage record
 * as `u`. A failed or stopped turn's model calls were paid for like a completed one's.
 */
export const u = sql`u`;
export const agentUsageEntries = sql`${turns} cross join lateral jsonb_array_elements(${turns.agentUsage}) as u`;
export const agentName = sql<string>`${u}->>'agent'`;

/** Token sums over the usage records a query groups. */
export const tokenSums = {
  inputTokens: sql<number>`coalesce(sum((${u}->>'inputTokens')::int), 0)::int`,
  cachedInputTokens: sql<number>`coalesce(sum((${u}->>'cachedInputTokens')::int), 0)::int`,
  outputTokens: sql<number>`coalesce(sum((${u}->>'outputTokens')::int), 0)::int`,
};

export type AgentUsageRow = {
  agent: string;
  turns: number;
  /** Of `turns`: those the agent answered (the Orchestrator handed the turn to it). */
  answered: number;
  /** Of `turns`: those in which another expert consulted it. */
  consulted: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
};

/**
 * Per-agent totals over every turn, from each turn's per-agent usage record.
 * Latency percentiles are over the time each agent spent within a turn.
 */
export async function agentUsage(db: Db, scope: UsageScope = {}): Promise<AgentUsageRow[]> {
  return db
    .select({
      agent: agentName,
      turns: sql<number>`count(distinct ${turns.id})::int`,
      answered: sql<number>`(count(distinct ${turns.id}) filter (where ${turns.handoffs} -> -1 ->> 'to' = ${agentName}))::int`,
      consulted: sql<number>`(count(distinct ${turns.id}) filter (where ${turns.consults} @> jsonb_build_array(jsonb_build_object('agent', ${agentName}))))::int`,
      ...tokenSums,
      p50LatencyMs: sql<number | null>`round(percentile_cont(0.5) within group (order by (${u}->>'ms')::int))::int`,
      p95LatencyMs: sql<number | null>`round(percentile_cont(0.95) within group (order by (${u}->>'ms')::int))::int`,
    })
    .from(agentUsageEntries)
    .where(turnsIn(db, scope))
    .groupBy(agentName)
    .orderBy(agentName);
}

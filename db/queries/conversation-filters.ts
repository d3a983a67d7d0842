// Which conversations a list or search may show: one place, so a new filter is one condition.
import { and, eq, exists, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, type TurnRow, turns } from '../schema.ts';

export type ConversationFilters = {
  /** Conversations of this business. */
  businessId?: string;
  /** Conversations with a turn this agent handled. */
  agent?: string;
  /** ... a turn in this state. */
  status?: TurnRow['status'];
  /** ... a turn started at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
};

/**
 * The turn filters combine into one condition on the same turn: "Media, failed, last week" means
 * a failed Media turn last week, not three unrelated turns.
 */
export function conversationFilters(db: Db, filters: ConversationFilters): SQL[] {
  const onTurn = [
    filters.agent ? sql`${filters.agent} = any(${turns.agents})` : undefined,
    filters.status ? eq(turns.status, filters.status) : undefined,
    filters.from ? gte(turns.startedAt, filters.from) : undefined,
    filters.to ? lt(turns.startedAt, filters.to) : undefined,
  ].filter((c) => c !== undefined);
  return [
    filters.businessId ? eq(conversations.businessId, filters.businessId) : undefined,
    onTurn.length
      ? exists(
          db
            .select({ one: sql`1` })
            .from(turns)
            .where(and(eq(turns.conversationId, conversations.id), ...onTurn)),
        )
      : undefined,
  ].filter((c) => c !== undefined);
}

/** Every agent that took part in the conversation, sorted. */
// Qualified by hand: inside a subquery drizzle renders bare column names, which would bind to turns.
export const conversationAgents = sql<string[]>`coalesce((
  select array_agg(distinct a order by a) from turns t, unnest(t.agents) as a
  where t.conversation_id = "conversations"."id"), '{}'::text[])`;

/** How the newest turn ended, so a list can mark a conversation whose last answer failed. */
export const lastTurnStatus = sql<TurnRow['status'] | null>`(
  select t.status from turns t where t.conversation_id = "conversations"."id"
  order by t.started_at desc limit 1)`;

/**
 * updated_at as exact text: a JS Date keeps only milliseconds, and a cursor rounded to them
 * would skip or repeat conversations updated within the same millisecond.
 */
export const exactUpdatedAt = sql<string>`to_char(${conversations.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

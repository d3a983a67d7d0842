// One agent's turns across every conversation, newest first: the agent view and its routing review.
import { and, desc, eq, getTableColumns, gte, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { conversations, messages, type TurnRow, turns } from '../schema.ts';

export type AgentTurnRow = TurnRow & { conversationTitle: string; request: string; at: string };
export type TurnCursor = { at: string; id: string };

export type AgentTurnsParams = {
  agent: string;
  /** Only this business's conversations. */
  businessId?: string;
  from?: Date;
  to?: Date;
  /** Only turns the user re-routed: this agent answered them, or should have. */
  flagged?: boolean;
  limit: number;
  cursor?: TurnCursor;
};

const exactStartedAt = sql<string>`to_char(${turns.startedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function agentTurns(
  db: Db,
  params: AgentTurnsParams,
): Promise<{ rows: AgentTurnRow[]; nextCursor: TurnCursor | null }> {
  const { agent, cursor } = params;
  // `agents` lists consulted experts too, so one condition covers "handled or consulted".
  const tookPart = sql`${agent} = any(${turns.agents})`;
  const rows = await db
    .select({ ...getTableColumns(turns), conversationTitle: conversations.title, request: messages.content, at: exactStartedAt })
    .from(turns)
    .innerJoin(conversations, eq(conversations.id, turns.conversationId))
    .innerJoin(messages, eq(messages.id, turns.userMessageId))
    .where(
      and(
        params.flagged ? and(isNotNull(turns.flaggedAt), or(tookPart, eq(turns.flaggedExpert, agent))) : tookPart,
        params.businessId ? eq(conversations.businessId, params.businessId) : undefined,
        params.from ? gte(turns.startedAt, params.from) : undefined,
        params.to ? lt(turns.startedAt, params.to) : undefined,
        cursor ? sql`(${turns.startedAt}, ${turns.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(turns.startedAt), desc(turns.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > params.limit && last ? { at: last.at, id: last.id } : null };
}

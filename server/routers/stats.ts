import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { agentModelUsage } from '../../db/queries/agent-model-usage.ts';
import { agentToolCounts } from '../../db/queries/agent-tool-counts.ts';
import { agentTurns } from '../../db/queries/agent-turns.ts';
import { agentUsage } from '../../db/queries/stats.ts';
import { costByAgent } from '../cost/agent-cost.ts';
import { routingFlagCases } from '../routing-review/routing-cases.ts';
import { publicProcedure } from '../trpc.ts';
import { toAgentTurnDto } from './agent-turn-dto.ts';
import { decodeCursor, encodeCursor, exactTime } from './cursor.ts';
import { agentTurnsInput, businessId, conversationId } from './inputs.ts';

const turnCursor = z.tuple([exactTime, z.uuid()]);

export const statsRouter = {
  agentUsage: publicProcedure
    .input(z.object({ conversationId: conversationId.optional(), businessId: businessId.optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const [rows, byModel, toolCounts] = await Promise.all([
        agentUsage(ctx.chat.db, input),
        agentModelUsage(ctx.chat.db, input),
        agentToolCounts(ctx.chat.db, input),
      ]);
      const costs = costByAgent(byModel, ctx.chat.pricing);
      const counts = new Map(toolCounts.map(({ agent, ...count }) => [agent, count]));
      const none = { mcpCalls: 0, callsApproved: 0, callsRejected: 0 };
      return rows.map((row) => ({ ...row, ...(counts.get(row.agent) ?? none), costUsd: costs.get(row.agent) ?? null }));
    }),

  agentTurns: publicProcedure.input(agentTurnsInput).query(async ({ ctx, input }) => {
    const { cursor, ...params } = input;
    const at = cursor ? decodeCursor(cursor, turnCursor) : undefined;
    const { rows, nextCursor } = await agentTurns(ctx.chat.db, { ...params, cursor: at && { at: at[0], id: at[1] } });
    return {
      items: rows.map((row) => toAgentTurnDto(input.agent, row, ctx.chat.pricing)),
      nextCursor: nextCursor ? encodeCursor([nextCursor.at, nextCursor.id]) : null,
    };
  }),

  routingFlags: publicProcedure
    .input(z.object({ businessId: businessId.optional() }).default({}))
    .query(({ ctx, input }) => routingFlagCases(ctx.chat.db, input.businessId)),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { agentModelUsage } from '../../db/queries/agent-model-usage.ts';
import { agentUsage } from '../../db/queries/stats.ts';
import { costByAgent } from '../cost/agent-cost.ts';
import { publicProcedure } from '../trpc.ts';
import { businessId, conversationId } from './inputs.ts';

export const statsRouter = {
  agentUsage: publicProcedure
    .input(z.object({ conversationId: conversationId.optional(), businessId: businessId.optional() }).default({}))
    .query(async ({ ctx, input }) => {
      const [rows, byModel] = await Promise.all([
        agentUsage(ctx.chat.db, input),
        agentModelUsage(ctx.chat.db, input),
      ]);
      const costs = costByAgent(byModel, ctx.chat.pricing);
      return rows.map((row) => ({ ...row, costUsd: costs.get(row.agent) ?? null }));
    }),
} satisfies TRPCRouterRecord;

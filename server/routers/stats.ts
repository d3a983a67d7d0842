import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { agentUsage } from '../../db/queries/stats.ts';
import { publicProcedure } from '../trpc.ts';
import { conversationId } from './inputs.ts';

export const statsRouter = {
  agentUsage: publicProcedure
    .input(z.object({ conversationId: conversationId.optional() }).default({}))
    .query(({ ctx, input }) => agentUsage(ctx.chat.db, input.conversationId)),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { listConversations } from '../../db/queries/conversations.ts';
import { exportConversation } from '../export/export-conversation.ts';
import { publicProcedure } from '../trpc.ts';
import { loadHistory } from './load-history.ts';
import { exportInput, listInput } from './inputs.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';

export const conversationsRouter = {
  list: publicProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { items, nextCursor } = await listConversations(ctx.chat.db, {
      agent: input.agent,
      query: input.query?.trim() || undefined,
      limit: input.limit,
      cursor: input.cursor ? decodeCursor(input.cursor) : undefined,
    });
    return {
      items: items.map((item) => ({ ...item, updatedAt: item.updatedAt.toISOString() })),
      nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
    };
  }),

  export: publicProcedure.input(exportInput).query(async ({ ctx, input }) => {
    return exportConversation(await loadHistory(ctx.chat.db, input.conversationId), input.format, new Date());
  }),
} satisfies TRPCRouterRecord;

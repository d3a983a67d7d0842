import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listConversations } from '../../db/queries/list-conversations.ts';
import { exportConversation } from '../export/export-conversation.ts';
import { publicProcedure } from '../trpc.ts';
import { loadHistory } from '../turns/load-history.ts';
import { decodeCursor, encodeCursor, exactTime } from './cursor.ts';
import { exportInput, listInput } from './inputs.ts';

const listCursor = z.tuple([exactTime, z.uuid(), z.number().finite().nullish()]);

export const conversationsRouter = {
  list: publicProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { cursor, query, ...filters } = input;
    const at = cursor ? decodeCursor(cursor, listCursor, 'conversations.list') : undefined;
    const { items, nextCursor } = await listConversations(ctx.chat.db, {
      ...filters,
      query: query?.trim() || undefined,
      cursor: at && { at: at[0], id: at[1], rank: at[2] ?? undefined },
    });
    return {
      items: items.map((item) => ({ ...item, updatedAt: item.updatedAt.toISOString() })),
      nextCursor: nextCursor ? encodeCursor([nextCursor.at, nextCursor.id, nextCursor.rank]) : null,
    };
  }),

  export: publicProcedure.input(exportInput).query(async ({ ctx, input }) => {
    const history = await loadHistory(ctx.chat.db, input.conversationId);
    if (!history) throw new TRPCError({ code: 'NOT_FOUND', message: 'No conversation has this id.' });
    return exportConversation(history, input.format, new Date());
  }),
} satisfies TRPCRouterRecord;

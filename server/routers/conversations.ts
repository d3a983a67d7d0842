import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { listConversations, type Cursor } from '../../db/queries/conversations.ts';
import { publicProcedure } from '../trpc.ts';
import { loadHistory } from '../turns/load-history.ts';
import { exportInput, listInput } from './inputs.ts';

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt.toISOString(), cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(updatedAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor');
    return { updatedAt: date, id };
  } catch {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'cursor: is not a cursor returned by conversations.list',
    });
  }
}

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
    const history = await loadHistory(ctx.chat.db, input.conversationId);
    if (!history) throw new TRPCError({ code: 'NOT_FOUND', message: 'No conversation has this id.' });
    // The renderers load on the first export: most sessions never export.
    const { exportConversation } = await import('../export/export-conversation.ts');
    return exportConversation(history, input.format, new Date());
  }),
} satisfies TRPCRouterRecord;

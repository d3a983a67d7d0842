import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listConversations } from '../../db/queries/conversations.ts';
import { deleteConversation, renameConversation } from '../../db/queries/manage-conversations.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import { exportConversation } from '../export/export-conversation.ts';
import { publicProcedure } from '../trpc.ts';
import { conversationId, exportInput, listInput, renameInput } from './inputs.ts';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { loadHistory, toConversationDto } from './load-history.ts';

export const conversationsRouter = {
  list: publicProcedure.input(listInput).query(async ({ ctx, input }) => {
    if (input.businessId) await resolveBusiness(ctx.chat.db, input.businessId);
    const { items, nextCursor } = await listConversations(ctx.chat.db, {
      businessId: input.businessId,
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

  rename: publicProcedure.input(renameInput).mutation(async ({ ctx, input }) => {
    const row = await renameConversation(ctx.chat.db, input.conversationId, input.title);
    if (!row) throw new DomainError('CONVERSATION_NOT_FOUND');
    return toConversationDto(row);
  }),

  delete: publicProcedure.input(z.object({ conversationId })).mutation(async ({ ctx, input }) => {
    const result = await deleteConversation(ctx.chat.db, input.conversationId);
    if (result === 'not-found') throw new DomainError('CONVERSATION_NOT_FOUND');
    if (result === 'running') throw new DomainError('CONVERSATION_BUSY');
    return { conversationId: input.conversationId };
  }),

  export: publicProcedure.input(exportInput).query(async ({ ctx, input }) => {
    return exportConversation(await loadHistory(ctx.chat.db, input.conversationId, ctx.chat.pricing), input.format, new Date());
  }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listConversations } from '../../db/queries/list-conversations.ts';
import { deleteConversation, renameConversation } from '../../db/queries/manage-conversations.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import { exportConversation } from '../export/export-conversation.ts';
import { publicProcedure } from '../trpc.ts';
import { decodeCursor, encodeCursor, exactTime } from './cursor.ts';
import { conversationId, exportInput, listInput, renameInput } from './inputs.ts';
import { loadHistory, toConversationDto } from './load-history.ts';

const listCursor = z.tuple([exactTime, z.uuid(), z.number().finite().nullish()]);

export const conversationsRouter = {
  list: publicProcedure.input(listInput).query(async ({ ctx, input }) => {
    const { cursor, query, ...filters } = input;
    if (filters.businessId) await resolveBusiness(ctx.chat.db, filters.businessId);
    const at = cursor ? decodeCursor(cursor, listCursor) : undefined;
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

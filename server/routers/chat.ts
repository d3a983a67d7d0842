import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { findConversation } from '../../db/queries/conversations.ts';
import { describeMemory } from '../memory/describe-memory.ts';
import { resetConversation, retryTurn, sendMessage } from '../turns/chat-service.ts';
import { loadHistory } from '../turns/load-history.ts';
import { publicProcedure } from '../trpc.ts';
import { streamTurn } from './stream-turn.ts';
import { flagRouting } from '../routing-review/flag-routing.ts';
import { conversationId, expertName, sendInput, turnId } from './inputs.ts';

export const chatRouter = {
  send: publicProcedure.input(sendInput).mutation(({ ctx, input }) => sendMessage(ctx.chat, input)),

  stream: publicProcedure
    .input(sendInput)
    .subscription(({ ctx, input, signal }) => streamTurn((emit) => sendMessage(ctx.chat, input, emit), signal)),

  retry: publicProcedure
    .input(z.object({ turnId }))
    .mutation(({ ctx, input }) => retryTurn(ctx.chat, input.turnId)),

  reset: publicProcedure.input(z.object({ conversationId })).mutation(async ({ ctx, input }) => {
    const { memoryFrom } = await resetConversation(ctx.chat, input.conversationId);
    return { conversationId: input.conversationId, memoryFrom: memoryFrom.toISOString() };
  }),

  memory: publicProcedure.input(z.object({ conversationId })).query(async ({ ctx, input }) => {
    const conversation = await findConversation(ctx.chat.db, input.conversationId);
    if (!conversation) throw new TRPCError({ code: 'NOT_FOUND', message: 'No conversation has this id.' });
    return describeMemory(ctx.chat.db, conversation, ctx.chat.memoryBudget);
  }),

  /** `expected` null takes the flag back. */
  flagRouting: publicProcedure
    .input(z.object({ turnId, expected: expertName.nullable() }))
    .mutation(({ ctx, input }) => flagRouting(ctx.chat.db, input.turnId, input.expected)),

  history: publicProcedure.input(z.object({ conversationId })).query(async ({ ctx, input }) => {
    const history = await loadHistory(ctx.chat.db, input.conversationId);
    if (!history) throw new TRPCError({ code: 'NOT_FOUND', message: 'No conversation has this id.' });
    return history;
  }),
} satisfies TRPCRouterRecord;

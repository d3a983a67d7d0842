import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { findConversation, resetMemory } from '../../db/queries/conversations.ts';
import type { Pricing } from '../cost/pricing.ts';
import { DomainError } from '../errors.ts';
import { conversationKey, withLock } from '../locks/turn-lock.ts';
import { flagRouting } from '../routing-review/flag-routing.ts';
import { publicProcedure } from '../trpc.ts';
import type { TurnEvent } from '../turns/events.ts';
import { runTurn } from '../turns/run-turn.ts';
import { toMessageDto, toTurnDto, type SendResult } from './dto.ts';
import { conversationId, expertName, sendInput, turnId } from './inputs.ts';
import { loadHistory } from './load-history.ts';
import { streamTurn } from './stream-turn.ts';

/** Runs a turn to its end and answers with its outcome. */
async function complete(turn: AsyncGenerator<TurnEvent, void>, pricing: Pricing): Promise<SendResult> {
  for await (const event of turn) {
    if (event.type !== 'done') continue;
    return { conversationId: event.conversationId, turn: toTurnDto(event.turn, pricing), reply: toMessageDto(event.reply, event.attachments) };
  }
  throw new Error('a turn ended without an outcome');
}

export const chatRouter = {
  send: publicProcedure.input(sendInput).mutation(({ ctx, input }) => complete(runTurn(ctx.chat, { kind: 'send', ...input }), ctx.chat.pricing)),

  stream: publicProcedure.input(sendInput).subscription(({ ctx, input }) => streamTurn(runTurn(ctx.chat, { kind: 'send', ...input }), ctx.chat.pricing)),

  retry: publicProcedure
    .input(z.object({ turnId }))
    .mutation(({ ctx, input }) => complete(runTurn(ctx.chat, { kind: 'retry', turnId: input.turnId }), ctx.chat.pricing)),

  reset: publicProcedure.input(z.object({ conversationId })).mutation(({ ctx, input }) =>
    withLock(ctx.chat.lock, [conversationKey(input.conversationId)], async () => {
      if (!(await findConversation(ctx.chat.db, input.conversationId))) throw new DomainError('CONVERSATION_NOT_FOUND');
      const memoryFrom = await resetMemory(ctx.chat.db, input.conversationId);
      return { conversationId: input.conversationId, memoryFrom: memoryFrom.toISOString() };
    }),
  ),

  memory: publicProcedure.input(z.object({ conversationId })).query(async ({ ctx, input }) => {
    const conversation = await findConversation(ctx.chat.db, input.conversationId);
    if (!conversation) throw new DomainError('CONVERSATION_NOT_FOUND');
    return ctx.chat.memory.describe(conversation);
  }),

  /** `expected` null takes the flag back. */
  flagRouting: publicProcedure
    .input(z.object({ turnId, expected: expertName.nullable() }))
    .mutation(async ({ ctx, input }) => ({ turn: toTurnDto(await flagRouting(ctx.chat.db, input.turnId, input.expected), ctx.chat.pricing) })),

  history: publicProcedure
    .input(z.object({ conversationId }))
    .query(({ ctx, input }) => loadHistory(ctx.chat.db, input.conversationId, ctx.chat.pricing)),
} satisfies TRPCRouterRecord;

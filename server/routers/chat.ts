import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { awaitingTurns } from '../../db/queries/approvals.ts';
import { findConversation, resetMemory } from '../../db/queries/conversations.ts';
import { markRoutineRead } from '../../db/queries/routines.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { Pricing } from '../cost/pricing.ts';
import { DomainError } from '../errors.ts';
import { conversationKey, withLock } from '../locks/turn-lock.ts';
import { flagRouting } from '../routing-review/flag-routing.ts';
import { publicProcedure } from '../trpc.ts';
import type { TurnEvent } from '../turns/events.ts';
import { runTurn } from '../turns/run-turn.ts';
import { type SendResult, toMessageDto, toTurnDto } from './dto.ts';
import { approveInput, businessId, conversationId, expertName, sendInput, turnId } from './inputs.ts';
import { loadHistory } from './load-history.ts';
import { streamTurn, watchTurnEvents } from './stream-turn.ts';

/**
 * Runs a turn to its end and answers with its outcome; a stopped turn with its stopped reply; a
 * paused one with no reply (its turn lists the calls that wait).
 */
async function complete(turn: AsyncGenerator<TurnEvent, void>, pricing: Pricing): Promise<SendResult> {
  for await (const event of turn) {
    if (event.type === 'approval')
      return { conversationId: event.conversationId, turn: toTurnDto(event.turn, pricing), reply: null };
    if (event.type !== 'done' && event.type !== 'cancelled') continue;
    if (!event.reply) throw new DomainError('TURN_CANCELLED', { turnId: event.turn.id });
    return {
      conversationId: event.conversationId,
      turn: toTurnDto(event.turn, pricing),
      reply: toMessageDto(event.reply, event.attachments, event.documents),
    };
  }
  throw new Error('a turn ended without an outcome');
}

export const chatRouter = {
  send: publicProcedure
    .input(sendInput)
    .mutation(({ ctx, input }) => complete(runTurn(ctx.chat, { kind: 'send', ...input }), ctx.chat.pricing)),

  stream: publicProcedure
    .input(sendInput)
    .subscription(({ ctx, input, signal }) => streamTurn(ctx.chat, { kind: 'send', ...input }, signal)),

  watch: publicProcedure
    .input(z.object({ turnId, lastEventId: z.string().max(20).nullish() }))
    .subscription(async ({ ctx, input, signal }) => {
      // Before the stream opens, so an unknown id is a NOT_FOUND answer, not an event.
      if (!(await findTurn(ctx.chat.db, input.turnId))) throw new DomainError('TURN_NOT_FOUND');
      return watchTurnEvents(ctx.chat, input.turnId, input.lastEventId, signal);
    }),

  cancel: publicProcedure
    .input(z.object({ turnId }))
    .mutation(async ({ ctx, input }) => ({ turn: toTurnDto(await ctx.chat.live.cancel(input.turnId), ctx.chat.pricing) })),

  retry: publicProcedure
    .input(z.object({ turnId }))
    .mutation(({ ctx, input }) => complete(runTurn(ctx.chat, { kind: 'retry', turnId: input.turnId }), ctx.chat.pricing)),

  approve: publicProcedure.input(approveInput).mutation(async ({ ctx, input }) => {
    try {
      return await complete(runTurn(ctx.chat, { kind: 'approve', ...input }), ctx.chat.pricing);
    } finally {
      // A routine's run told its outcome when it paused; its end is told too. Never holds up the answer.
      void ctx.routines
        .noticeDecided(input.turnId)
        .catch((err: unknown) => ctx.chat.logger.warn({ turnId: input.turnId, err }, 'could not tell a routine’s outcome'));
    }
  }),

  /** The calls that wait for the owner's decision, newest first. */
  approvals: publicProcedure.input(z.object({ businessId: businessId.optional() })).query(async ({ ctx, input }) => {
    const turns = await awaitingTurns(ctx.chat.db, input.businessId);
    const items = turns.flatMap((turn) =>
      turn.approvals
        .filter((approval) => approval.status === 'pending')
        .map((approval) => ({ turnId: turn.id, conversationId: turn.conversationId, approval })),
    );
    return { items };
  }),

  /** chat.retry, streamed like chat.stream; a reconnect while the retried turn runs follows it. */
  retryStream: publicProcedure
    .input(z.object({ turnId }))
    .subscription(({ ctx, input, signal }) => streamTurn(ctx.chat, { kind: 'retry', turnId: input.turnId }, signal)),

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
  flagRouting: publicProcedure.input(z.object({ turnId, expected: expertName.nullable() })).mutation(async ({ ctx, input }) => ({
    turn: toTurnDto(await flagRouting(ctx.chat.db, input.turnId, input.expected), ctx.chat.pricing),
  })),

  history: publicProcedure.input(z.object({ conversationId })).query(async ({ ctx, input }) => {
    const history = await loadHistory(ctx.chat.db, input.conversationId, ctx.chat.pricing);
    // The owner has now seen what a routine did here.
    await markRoutineRead(ctx.chat.db, input.conversationId);
    return history;
  }),
} satisfies TRPCRouterRecord;

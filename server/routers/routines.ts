// routines.*: prompts on a schedule for one business (server/routines/).
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { lastRun, type RoutineWithUnread } from '../../db/queries/routines.ts';
import type { AppContext } from '../context.ts';
import { toRoutineDto, toRunDto } from '../routines/routine-dto.ts';
import type { Routines } from '../routines/routines.ts';
import { publicProcedure } from '../trpc.ts';
import { decodeCursor, encodeCursor, exactTime } from './cursor.ts';
import { toTurnDto } from './dto.ts';
import { businessId } from './inputs.ts';
import { createRoutineInput, routineId, runsInput, updateRoutineInput } from './routine-inputs.ts';

const runsCursor = z.tuple([exactTime, z.uuid()]);

async function present(ctx: AppContext, routine: RoutineWithUnread) {
  const routines: Routines = ctx.routines;
  return toRoutineDto(
    routine,
    { nextRunAt: routines.nextRunAt(routine), lastRun: await lastRun(ctx.chat.db, routine.id) },
    ctx.chat.pricing,
  );
}

export const routinesRouter = {
  list: publicProcedure.input(z.object({ businessId: businessId.optional() }).optional()).query(async ({ ctx, input }) => {
    const routines = await ctx.routines.list(input?.businessId);
    return { items: await Promise.all(routines.map((routine) => present(ctx, routine))) };
  }),

  create: publicProcedure.input(createRoutineInput).mutation(async ({ ctx, input }) => {
    const { businessId: business, ...fields } = input;
    return present(ctx, await ctx.routines.create(business, fields));
  }),

  update: publicProcedure.input(updateRoutineInput).mutation(async ({ ctx, input }) => {
    const { routineId: id, ...changes } = input;
    return present(ctx, await ctx.routines.update(id, changes));
  }),

  delete: publicProcedure.input(z.object({ routineId })).mutation(async ({ ctx, input }) => {
    await ctx.routines.remove(input.routineId);
    return { routineId: input.routineId };
  }),

  runNow: publicProcedure.input(z.object({ routineId })).mutation(async ({ ctx, input }) => ({
    turn: toTurnDto(await ctx.routines.runNow(input.routineId), ctx.chat.pricing),
  })),

  runs: publicProcedure.input(runsInput).query(async ({ ctx, input }) => {
    const before = input.cursor ? decodeCursor(input.cursor, runsCursor) : undefined;
    const rows = await ctx.routines.runs(input.routineId, {
      limit: input.limit + 1,
      before: before && { at: before[0], id: before[1] },
    });
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => toRunDto(row, ctx.chat.pricing)),
      nextCursor: rows.length > input.limit && last ? encodeCursor([last.at, last.run.id]) : null,
    };
  }),
} satisfies TRPCRouterRecord;

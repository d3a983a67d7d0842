import type { TRPCRouterRecord } from '@trpc/server';
import { createBusiness, listBusinesses, renameBusiness } from '../../db/queries/businesses.ts';
import { toBusinessDto } from '../business/business-dto.ts';
import { exportBusiness } from '../business/export-business.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import { publicProcedure } from '../trpc.ts';
import { createBusinessInput, exportBusinessInput, renameBusinessInput } from './business-inputs.ts';

export const businessesRouter = {
  /** Oldest first: the default business (made at the first start) leads. */
  list: publicProcedure.query(async ({ ctx }) => ({ items: (await listBusinesses(ctx.chat.db)).map(toBusinessDto) })),

  create: publicProcedure
    .input(createBusinessInput)
    .mutation(async ({ ctx, input }) => toBusinessDto(await createBusiness(ctx.chat.db, input.name))),

  rename: publicProcedure.input(renameBusinessInput).mutation(async ({ ctx, input }) => {
    const row = await renameBusiness(ctx.chat.db, input.businessId, input.name);
    if (!row) throw new DomainError('BUSINESS_NOT_FOUND');
    return toBusinessDto(row);
  }),

  export: publicProcedure.input(exportBusinessInput).query(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    return exportBusiness(ctx.chat.db, business, ctx.chat.pricing, new Date());
  }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from '@trpc/server';
import { addFact, forgetFact, listCurrentFacts, updateFact } from '../../db/queries/facts.ts';
import { toFactDto } from '../business/business-dto.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import { publicProcedure } from '../trpc.ts';
import { addFactInput, businessScope, forgetFactInput, updateFactInput } from './business-inputs.ts';

const USER = { kind: 'user' } as const;

export const profileRouter = {
  /** Newest first. */
  get: publicProcedure.input(businessScope).query(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    const facts = await listCurrentFacts(ctx.chat.db, business.id);
    return { businessId: business.id, facts: facts.map(toFactDto) };
  }),

  add: publicProcedure.input(addFactInput).mutation(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    return toFactDto(await addFact(ctx.chat.db, { businessId: business.id, text: input.text, source: USER }));
  }),

  /** The owner's words replace the text, and the fact counts as written by the owner from now on. */
  update: publicProcedure.input(updateFactInput).mutation(async ({ ctx, input }) => {
    const row = await updateFact(ctx.chat.db, { id: input.factId, text: input.text, source: USER });
    if (!row) throw new DomainError('FACT_NOT_FOUND');
    return toFactDto(row);
  }),

  forget: publicProcedure.input(forgetFactInput).mutation(async ({ ctx, input }) => {
    if (!(await forgetFact(ctx.chat.db, input.factId))) throw new DomainError('FACT_NOT_FOUND');
    return { factId: input.factId };
  }),
} satisfies TRPCRouterRecord;

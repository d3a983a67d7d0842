import type { TRPCRouterRecord } from '@trpc/server';
import { decideProposal, factVersionsOf, pendingProposals, updateFact } from '../../db/queries/fact-changes.ts';
import { addFact, findCurrentFact, forgetFact, listCurrentFacts } from '../../db/queries/facts.ts';
import { toFactDto, toHistoryDto, toProposalDto } from '../business/business-dto.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { DomainError } from '../errors.ts';
import { publicProcedure } from '../trpc.ts';
import {
  addFactInput,
  businessScope,
  factHistoryInput,
  forgetFactInput,
  proposalInput,
  updateFactInput,
} from './business-inputs.ts';

const USER = { kind: 'user' } as const;

export const profileRouter = {
  /** Newest first; `proposals`: models' changes to the owner's facts, waiting for accept or dismiss. */
  get: publicProcedure.input(businessScope).query(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    const [facts, proposals] = await Promise.all([
      listCurrentFacts(ctx.chat.db, business.id),
      pendingProposals(ctx.chat.db, business.id),
    ]);
    return { businessId: business.id, facts: facts.map(toFactDto), proposals: proposals.map(toProposalDto) };
  }),

  add: publicProcedure.input(addFactInput).mutation(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    return toFactDto(await addFact(ctx.chat.db, { businessId: business.id, text: input.text, source: USER }));
  }),

  /** The owner's words replace the text (the old one stays in the history), and the fact is the owner's from now on. */
  update: publicProcedure.input(updateFactInput).mutation(async ({ ctx, input }) => {
    const row = await updateFact(ctx.chat.db, { id: input.factId, text: input.text, source: USER });
    if (!row) throw new DomainError('FACT_NOT_FOUND');
    return toFactDto(row);
  }),

  forget: publicProcedure.input(forgetFactInput).mutation(async ({ ctx, input }) => {
    if (!(await forgetFact(ctx.chat.db, input.factId))) throw new DomainError('FACT_NOT_FOUND');
    return { factId: input.factId };
  }),

  /** Every text the fact has had, the current one first, each with who wrote it and when. */
  history: publicProcedure.input(factHistoryInput).query(async ({ ctx, input }) => {
    const fact = await findCurrentFact(ctx.chat.db, input.factId);
    if (!fact) throw new DomainError('FACT_NOT_FOUND');
    return { factId: fact.id, versions: toHistoryDto(fact, await factVersionsOf(ctx.chat.db, fact.id)) };
  }),

  /** The proposed text becomes the fact's, confirmed by the owner; the text it replaces stays in the history. */
  accept: publicProcedure.input(proposalInput).mutation(async ({ ctx, input }) => {
    const decision = await decideProposal(ctx.chat.db, { id: input.proposalId, accept: true });
    if (decision.kind === 'accepted') return toFactDto(decision.fact);
    throw decisionError(decision.kind);
  }),

  /** The fact keeps its text; the proposal is closed. */
  dismiss: publicProcedure.input(proposalInput).mutation(async ({ ctx, input }) => {
    const decision = await decideProposal(ctx.chat.db, { id: input.proposalId, accept: false });
    if (decision.kind === 'dismissed') return { proposalId: input.proposalId };
    throw decisionError(decision.kind);
  }),
} satisfies TRPCRouterRecord;

function decisionError(kind: 'accepted' | 'dismissed' | 'unknown' | 'decided' | 'gone'): DomainError {
  if (kind === 'decided') return new DomainError('PROPOSAL_DECIDED');
  return new DomainError(kind === 'gone' ? 'FACT_NOT_FOUND' : 'PROPOSAL_NOT_FOUND');
}

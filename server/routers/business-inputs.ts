// Input schemas of businesses.* and profile.*: names and facts are one line of visible text.
import { z } from 'zod';
import { MAX_BUSINESS_NAME_CHARS, MAX_FACT_CHARS } from '../../shared/limits.ts';
import { businessId, factId, proposalId, storable, storableMessage } from './inputs.ts';

function oneLine(what: string, empty: string, max: number) {
  return z
    .string({ message: `must be ${what}` })
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { message: empty })
        .max(max, { message: `is too long: keep it under ${max} characters` })
        .refine(storable, storableMessage),
    );
}

const businessName = oneLine('the name of the business', 'is empty: give the business a name', MAX_BUSINESS_NAME_CHARS);
const factText = oneLine('the text of the fact', 'is empty: write the fact', MAX_FACT_CHARS);

export const businessScope = z.object({ businessId: businessId.optional() }).default({});
export const createBusinessInput = z.object({ name: businessName });
export const renameBusinessInput = z.object({ businessId, name: businessName });
export const exportBusinessInput = z.object({ businessId });
export const addFactInput = z.object({ businessId: businessId.optional(), text: factText });
export const updateFactInput = z.object({ factId, text: factText });
export const forgetFactInput = z.object({ factId });
export const factHistoryInput = z.object({ factId });
export const proposalInput = z.object({ proposalId });

// Reads what a model call sees of a business's profile; bounded by the budget, never by how
// many facts the business has.
import type { Db } from '../../db/client.ts';
import { recallFacts, recallFactsOfConversation } from '../../db/queries/facts.ts';
import { profileWithDocuments } from '../documents/with-documents.ts';
import { factsToRead, type ProfileDigest } from './profile-digest.ts';

/** A business (null: the default one), or the one a conversation belongs to. */
export type ProfileOf = { businessId: string | null } | { conversationId: string };

/** The profile of a business, or of the one a conversation belongs to. */
export async function recallProfile(
  db: Db,
  params: { of: ProfileOf; budget: number; tokensOf: (text: string) => number },
): Promise<ProfileDigest | null> {
  const { of, budget } = params;
  if (budget <= 0) return null;
  const limit = factsToRead(budget);
  const facts =
    'businessId' in of ? recallFacts(db, of.businessId, limit) : recallFactsOfConversation(db, of.conversationId, limit);
  return profileWithDocuments(db, params, facts);
}

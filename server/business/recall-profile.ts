// Reads what a model call sees of a business's profile; bounded by the budget, never by how
// many facts the business has.
import type { Db } from '../../db/client.ts';
import { recallFacts } from '../../db/queries/facts.ts';
import { factsToRead, type ProfileDigest, profileDigest } from './profile-digest.ts';

export async function recallProfile(
  db: Db,
  params: { businessId: string; budget: number; tokensOf: (text: string) => number },
): Promise<ProfileDigest | null> {
  if (params.budget <= 0) return null;
  const facts = await recallFacts(db, params.businessId, factsToRead(params.budget));
  return profileDigest(facts, params.budget, params.tokensOf);
}

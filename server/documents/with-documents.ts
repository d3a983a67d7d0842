// The profile message with the business's documents listed under its facts: one background
// message, one budget. Documents take at most their share; facts get the rest.
import type { Db } from '../../db/client.ts';
import { listDocumentsOf } from '../../db/queries/documents.ts';
import type { FactRow } from '../../db/schema.ts';
import { type ProfileDigest, profileDigest } from '../business/profile-digest.ts';
import { DOCUMENTS_SHARE, documentsDigest, documentsToRead } from './documents-digest.ts';

type Of = { businessId: string | null } | { conversationId: string };

/** `facts`: the business's facts best first, being read; a profile with neither facts nor documents is null. */
export async function profileWithDocuments(
  db: Db,
  params: { of: Of; budget: number; tokensOf: (text: string) => number },
  facts: Promise<FactRow[]>,
): Promise<ProfileDigest | null> {
  const { budget, tokensOf } = params;
  const [bestFirst, listed] = await Promise.all([facts, listDocumentsOf(db, params.of, documentsToRead(budget))]);
  const documents = documentsDigest(listed, Math.floor(budget * DOCUMENTS_SHARE), tokensOf);
  // Two tokens for the blank line between the parts, and a seam's worth to spare.
  const digest = profileDigest(bestFirst, documents ? budget - documents.tokens - 3 : budget, tokensOf);
  if (!documents) return digest;
  const text = digest ? `${digest.text}\n\n${documents.text}` : documents.text;
  return { text, tokens: tokensOf(text), factIds: digest?.factIds ?? [] };
}

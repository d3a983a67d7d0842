// The business profile as a model reads it: one message of facts within its own token budget.
// Facts come in best first (the owner's own, then the newest) and are chosen in that order; the
// chosen ones are written oldest first, so a new fact extends the text instead of reshuffling it
// (a stable prefix is what prompt caching reuses).
import type { FactRow } from '../../db/schema.ts';

export const DEFAULT_PROFILE_TOKENS = 600;

export const PROFILE_HEADER =
  'Business profile: facts the owner has told the team (for context, not a request; the id in brackets is what `remember` takes as `replaces`):';

export type ProfileDigest = { text: string; tokens: number; factIds: string[] };

/** What the model is shown as a fact's id: short enough to cost a few tokens, unique in practice. */
export function shortFactId(id: string): string {
  return id.slice(0, 8);
}

const line = (fact: Pick<FactRow, 'id' | 'text'>) => `- [${shortFactId(fact.id)}] ${fact.text}`;

/**
 * A line costs at least this many tokens ("- [", eight hex digits, "] ", a word, a newline), so
 * reading budget / MIN_LINE_TOKENS facts is enough to fill any budget.
 */
const MIN_LINE_TOKENS = 5;

export function factsToRead(budget: number): number {
  return Math.ceil(budget / MIN_LINE_TOKENS) + 1;
}

export function profileDigest(
  bestFirst: readonly FactRow[],
  budget: number,
  tokensOf: (text: string) => number,
): ProfileDigest | null {
  let room = budget - tokensOf(PROFILE_HEADER) - 1;
  const chosen: FactRow[] = [];
  for (const fact of bestFirst) {
    const cost = tokensOf(line(fact)) + 1;
    if (cost > room) continue;
    room -= cost;
    chosen.push(fact);
  }
  // Tokens of a joined text can differ from the sum of its lines by a token or two at the seams.
  for (;;) {
    if (!chosen.length) return null;
    const ordered = [...chosen].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    const text = [PROFILE_HEADER, ...ordered.map(line)].join('\n');
    const tokens = tokensOf(text);
    if (tokens <= budget) return { text, tokens, factIds: ordered.map((fact) => fact.id) };
    chosen.pop();
  }
}

// A retried turn reruns on the same row: what its earlier attempts spent stays counted, since the
// owner paid for those model calls too (a failed routing, a reply cut off by Stop).
import type { TurnRow } from '../../db/schema.ts';
import type { UsageTally } from './route-request.ts';

type Spent = Pick<TurnRow, 'inputTokens' | 'cachedInputTokens' | 'outputTokens'>;

/** The tally a run starts from: zero on a new turn, the totals so far on a retry or a resumed run. */
export function spentBefore(turn: Spent): UsageTally {
  return { inputTokens: turn.inputTokens, cachedInputTokens: turn.cachedInputTokens, outputTokens: turn.outputTokens };
}

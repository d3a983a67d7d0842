// A turn's estimated cost when its agents ran on different models: each agent's tokens at its
// own model's price, whatever is left (consults, older turns without per-agent models) at the
// turn's model.
import type { TurnRow } from '../../db/schema.ts';
import { roundUsd, type Tokens } from './estimate.ts';
import { costUsd, type Pricing } from './pricing.ts';

type Priced = Pick<TurnRow, 'model' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'agentUsage'>;

/** Null when any part with tokens is on a model of unknown price: a partial sum would understate it. */
export function turnCostUsd(turn: Priced, pricing: Pricing): number | null {
  const rest: Required<Tokens> = {
    inputTokens: turn.inputTokens,
    cachedInputTokens: turn.cachedInputTokens,
    outputTokens: turn.outputTokens,
  };
  const parts: { model: string | null; tokens: Tokens }[] = [];
  for (const usage of turn.agentUsage) {
    if (!usage.model || usage.model === turn.model) continue;
    parts.push({ model: usage.model, tokens: usage });
    rest.inputTokens = Math.max(0, rest.inputTokens - usage.inputTokens);
    rest.cachedInputTokens = Math.max(0, rest.cachedInputTokens - (usage.cachedInputTokens ?? 0));
    rest.outputTokens = Math.max(0, rest.outputTokens - usage.outputTokens);
  }
  parts.push({ model: turn.model, tokens: rest });
  let total = 0;
  for (const { model, tokens } of parts) {
    if (tokens.inputTokens === 0 && tokens.outputTokens === 0) continue;
    const usd = costUsd(pricing, model, tokens);
    if (usd === null) return null;
    total += usd;
  }
  return roundUsd(total);
}

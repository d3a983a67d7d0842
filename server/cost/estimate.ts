// Estimated USD cost of tokens on a model, from the price table; null when the model's price is
// unknown (local and third-party models), so callers show tokens only.
import { PRICES, type Price } from './prices.ts';

// A Map, so a model named like an Object property ("constructor") is simply unknown.
const table = new Map(Object.entries(PRICES));

// OpenAI's dated snapshots ("gpt-4o-2024-08-06") are billed like their alias.
const SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

export function priceOf(model: string | null): Price | null {
  if (!model) return null;
  const name = model.trim().toLowerCase();
  return table.get(name) ?? table.get(name.replace(SNAPSHOT_SUFFIX, '')) ?? null;
}

/** A call's tokens; `cachedInputTokens` are part of `inputTokens`, billed at the cached rate. */
export type Tokens = { inputTokens: number; cachedInputTokens?: number; outputTokens: number };

export function estimateUsd(model: string | null, tokens: Tokens): number | null {
  const price = priceOf(model);
  if (!price) return null;
  // A server that reports more cached than input tokens is not trusted beyond the input.
  const cached = Math.min(Math.max(0, tokens.cachedInputTokens ?? 0), tokens.inputTokens);
  const usd =
    ((tokens.inputTokens - cached) * price.inputPerMillion +
      cached * price.cachedInputPerMillion +
      tokens.outputTokens * price.outputPerMillion) /
    1_000_000;
  return roundUsd(usd);
}

/** Whole nano-dollars: keeps float noise (0.1 + 0.2) out of the JSON without losing precision that matters. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e9) / 1e9;
}

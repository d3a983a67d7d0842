// The one price table for cost estimates. These are OpenAI's public list prices for standard
// (non-batch, non-priority) text tokens, USD per 1M tokens, as of 2026-08-01. Prices change:
// update this table (and the date) from OpenAI's pricing page; nothing else needs to change.
// Input tokens the API served from its prompt cache are priced at the cached-input rate (turns
// record them); long-context surcharges and the gpt-5.6 family's cache-write premium are not modelled.

export type Price = { inputPerMillion: number; cachedInputPerMillion: number; outputPerMillion: number };

export const PRICES: Readonly<Record<string, Price>> = {
  'gpt-4o': { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, cachedInputPerMillion: 0.1, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, cachedInputPerMillion: 0.025, outputPerMillion: 0.4 },
  o3: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  'o4-mini': { inputPerMillion: 1.1, cachedInputPerMillion: 0.275, outputPerMillion: 4.4 },
  'gpt-5': { inputPerMillion: 1.25, cachedInputPerMillion: 0.125, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, cachedInputPerMillion: 0.005, outputPerMillion: 0.4 },
  // The default model of @openai/agents 0.20 (getDefaultModel()), priced after OpenAI's
  // 2026-07-30 reduction.
  'gpt-5.6-luna': { inputPerMillion: 0.2, cachedInputPerMillion: 0.02, outputPerMillion: 1.2 },
};

/**
 * OpenAI's Images API models, USD per 1M tokens: text input (the prompt) and image output, as
 * listed on their model pages (GPT Image 2.5 and 2.6, Flare and Sunburst alike).
 */
export const IMAGE_PRICES: Readonly<Record<string, Omit<Price, 'cachedInputPerMillion'>>> = {
  'gpt-image-2.6-flare': { inputPerMillion: 5, outputPerMillion: 30 },
  'gpt-image-2.6-sunburst': { inputPerMillion: 5, outputPerMillion: 30 },
  'gpt-image-2.5-flare': { inputPerMillion: 5, outputPerMillion: 30 },
  'gpt-image-2.5-sunburst': { inputPerMillion: 5, outputPerMillion: 30 },
};

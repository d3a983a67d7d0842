// Whose prices a turn's tokens get. OpenAI's list prices (prices.ts) hold only for OpenAI's own
// API: another server's tokens (Ollama, vLLM, a third-party host) are never priced, even under an
// OpenAI model's name, unless the user says its prices match with SWITCHBOARD_PRICES=openai.
import type { Env } from '../env.ts';
import { estimateUsd, type Tokens } from './estimate.ts';

export type Pricing = 'openai' | 'none';

export function pricingFor(env: Pick<Env, 'OPENAI_BASE_URL' | 'SWITCHBOARD_PRICES'>): Pricing {
  if (env.SWITCHBOARD_PRICES) return env.SWITCHBOARD_PRICES;
  if (!env.OPENAI_BASE_URL) return 'openai';
  return new URL(env.OPENAI_BASE_URL).hostname === 'api.openai.com' ? 'openai' : 'none';
}

export function costUsd(pricing: Pricing, model: string | null, tokens: Tokens): number | null {
  return pricing === 'openai' ? estimateUsd(model, tokens) : null;
}

// Cost per turn with cached input priced at OpenAI's list rates (server/cost/), for our calls as the
// model server billed them and for the seed's design: each of its two calls resends the whole
// append-only history, so all of it but the newest exchange is a prefix a cache serves.
import { estimateUsd } from '../server/cost/estimate.ts';
import { type ChatMessage, type ChatRequest, promptCache } from '../tests/support/fake-openai.ts';

export type Billed = { promptTokens: number; cachedTokens: number; completionTokens: number };
export type TurnCalls = { routing: ChatRequest & { billed: Billed }; expert: ChatRequest & { billed: Billed } };

/** Models priced in the table: their cached input costs 50%, 25% and 10% of uncached input. */
export const PRICED_MODELS = ['gpt-4o', 'gpt-4.1', 'gpt-5-mini'] as const;

export function usd(model: string, billed: Billed): number {
  const tokens = {
    inputTokens: billed.promptTokens,
    cachedInputTokens: billed.cachedTokens,
    outputTokens: billed.completionTokens,
  };
  return estimateUsd(model, tokens) ?? Number.NaN;
}

/**
 * The seed's design billed by the same server: the same instructions, tools and outputs as ours,
 * with every message so far in place of the memory. `history` holds each turn's messages.
 */
export function seedCalls() {
  const cache = promptCache();
  const bill = (call: ChatRequest, history: ChatMessage[], completionTokens: number): Billed => {
    const fixed = call.messages.filter((m) => m.role === 'system' || m.role === 'developer');
    const { prompt, cachedTokens } = cache({ ...call, messages: [...fixed, ...history] });
    return { promptTokens: prompt.length >> 2, cachedTokens, completionTokens };
  };
  return (calls: TurnCalls, history: ChatMessage[]) => ({
    routing: bill(calls.routing, history, calls.routing.billed.completionTokens),
    expert: bill(calls.expert, history, calls.expert.billed.completionTokens),
  });
}

// The estimated cost of one Images API call, from the tokens it reported; null when unknown.
import type { ToolUsage } from '../../shared/turn-record.ts';
import { roundUsd } from './estimate.ts';
import { IMAGE_PRICES } from './prices.ts';
import type { Pricing } from './pricing.ts';

const table = new Map(Object.entries(IMAGE_PRICES));
const SNAPSHOT_SUFFIX = /-\d{4}-\d{2}-\d{2}$/;

export function imageCostUsd(pricing: Pricing, usage: ToolUsage): number | null {
  if (pricing !== 'openai') return null;
  const name = usage.model.trim().toLowerCase();
  const price = table.get(name) ?? table.get(name.replace(SNAPSHOT_SUFFIX, ''));
  if (!price) return null;
  return roundUsd((usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000);
}

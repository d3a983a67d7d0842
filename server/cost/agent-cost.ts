// Folds per-(agent, model) token totals into one estimated cost per agent.
import type { AgentModelUsageRow } from '../../db/queries/agent-model-usage.ts';
import { roundUsd } from './estimate.ts';
import { costUsd, type Pricing } from './pricing.ts';

/** An agent whose tokens were partly spent on a model of unknown price gets null: a partial sum would understate it. */
export function costByAgent(rows: AgentModelUsageRow[], pricing: Pricing): Map<string, number | null> {
  const costs = new Map<string, number | null>();
  for (const row of rows) {
    const usd = costUsd(pricing, row.model, row);
    const previous = costs.get(row.agent);
    costs.set(row.agent, previous === null || usd === null ? null : roundUsd((previous ?? 0) + usd));
  }
  return costs;
}

// A retried turn reruns on the same row: what its earlier attempts spent stays counted, since the
// owner paid for those model calls too (a failed routing, a reply cut off by Stop).
import type { TurnRow } from '../../db/schema.ts';
import type { AgentUsage } from '../../shared/turn-record.ts';
import type { RecordWithConsults } from './consult-recorder.ts';
import type { UsageTally } from './route-request.ts';

type Spent = Pick<TurnRow, 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'agentUsage'>;

/** The tally a run starts from: zero on a new turn, the earlier attempts' totals on a retry. */
export function spentBefore(turn: Spent): UsageTally {
  return { inputTokens: turn.inputTokens, cachedInputTokens: turn.cachedInputTokens, outputTokens: turn.outputTokens };
}

/** This attempt's per-agent usage with the earlier attempts' added, agent by agent. */
export function withEarlierAttempts(record: RecordWithConsults, earlier: Spent['agentUsage']): RecordWithConsults {
  if (!earlier.length) return record;
  const usage = new Map<string, AgentUsage>(earlier.map((u) => [u.agent, { ...u }]));
  for (const now of record.agentUsage) {
    const before = usage.get(now.agent);
    usage.set(
      now.agent,
      before
        ? {
            ...now,
            inputTokens: before.inputTokens + now.inputTokens,
            cachedInputTokens: (before.cachedInputTokens ?? 0) + (now.cachedInputTokens ?? 0),
            outputTokens: before.outputTokens + now.outputTokens,
            ms: before.ms + now.ms,
          }
        : now,
    );
  }
  return { ...record, agentUsage: [...usage.values()] };
}

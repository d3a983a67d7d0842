import { getDefaultModel } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { costByAgent } from '../../server/cost/agent-cost.ts';
import { estimateUsd, priceOf } from '../../server/cost/estimate.ts';
import { formatUsd } from '../../shared/format.ts';

describe('cost estimates', () => {
  it('prices input and output tokens at the model list price per million', () => {
    expect(estimateUsd('gpt-4.1', 1_000_000, 0)).toBe(2);
    expect(estimateUsd('gpt-4.1', 0, 1_000_000)).toBe(8);
    expect(estimateUsd('gpt-5-nano', 1000, 500)).toBeCloseTo(0.00025, 12);
  });

  it('prices dated snapshots and any letter case like the model, and the SDK default model', () => {
    expect(estimateUsd('GPT-4o-mini-2024-07-18', 1_000_000, 0)).toBe(0.15);
    expect(priceOf(getDefaultModel())).not.toBeNull();
  });

  it('knows no price for local, unnamed or look-alike models', () => {
    for (const model of ['llama3.1:8b', 'gpt-4o-mini-tts-ish', 'constructor', '', null]) {
      expect(estimateUsd(model, 100, 100)).toBeNull();
    }
  });

  it('folds per-model totals into one cost per agent, null where any part is unpriced', () => {
    const costs = costByAgent(
      [
      { agent: 'Creative', model: 'gpt-4o', inputTokens: 1_000_000, outputTokens: 0 },
      { agent: 'Creative', model: 'gpt-4o-mini', inputTokens: 0, outputTokens: 1_000_000 },
      { agent: 'Media', model: 'gpt-4o', inputTokens: 10, outputTokens: 10 },
      { agent: 'Media', model: 'mistral', inputTokens: 10, outputTokens: 10 },
      ],
      'openai',
    );
    expect(costs.get('Creative')).toBe(3.1);
    expect(costs.get('Media')).toBeNull();
  });

  it('shows cents for real money and two significant digits for fractions of a cent', () => {
    expect(formatUsd(1.234)).toBe('$1.23');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.000108)).toBe('$0.00011');
  });
});

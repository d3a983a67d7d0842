// The labelled routing set the eval ships with, and how a broken set is reported.
import { describe, expect, it } from 'vitest';
import { CasesError, loadCases, parseCases } from '../../scripts/eval/cases.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS, routerContext } from '../../server/memory/router-context.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { EXPERT_NAMES } from '../../shared/roster.ts';

describe('the labelled routing set', () => {
  it('has at least 80 requests: 15+ single-domain per expert, cross-domain and follow-up cases', async () => {
    const cases = await loadCases();
    expect(cases.length).toBeGreaterThanOrEqual(80);
    for (const expert of EXPERT_NAMES) {
      expect(cases.filter((c) => c.kind === 'single' && c.expected[0] === expert).length).toBeGreaterThanOrEqual(15);
    }
    const cross = cases.filter((c) => c.kind === 'cross');
    expect(cross.length).toBeGreaterThanOrEqual(8);
    expect(cross.every((c) => c.expected.length >= 2)).toBe(true);
    const followups = cases.filter((c) => c.kind === 'followup');
    expect(followups.length).toBeGreaterThanOrEqual(8);
    // Some follow-ups must change domain, or "stay with the last expert" would pass them all.
    expect(new Set(followups.map((c) => c.expected[0])).size).toBe(EXPERT_NAMES.length);
    expect(new Set(cases.map((c) => c.message)).size).toBe(cases.length);
  });

  it('shows the router every follow-up whole within the default routing context', async () => {
    // What the eval scores is what a turn's Orchestrator reads: nothing of these histories is cut.
    for (const c of (await loadCases()).filter((c) => c.history)) {
      const turns = [...c.history!, { role: 'user' as const, content: c.message }];
      const items = turns.map((t) => ({ ...t, tokens: countTokens(t.content) }));
      expect(routerContext(items, DEFAULT_ROUTER_CONTEXT_TOKENS, countTokens)).toEqual(items);
    }
  });

  it('rejects a broken set, naming each case and field', () => {
    const broken = [
      { id: 'a', message: 'Price my candles', expected: ['Strategic', 'Media'], kind: 'single' },
      { id: 'b', message: 'And for TikTok?', expected: ['Media'], kind: 'followup' },
      { id: 'a', message: 'Name my shop', expected: ['Creative'], kind: 'single' },
    ];
    const parse = () => parseCases(JSON.stringify(broken), 'cases.json');
    expect(parse).toThrow(CasesError);
    expect(parse).toThrow(
      [
        'cases.json has invalid cases:',
        '  [0.expected] a single-domain case has exactly one expert',
        '  [1.history] a follow-up needs the history it follows',
        '  [2.id] duplicate id a',
      ].join('\n'),
    );
    const unknownExpert = [{ id: 'c', message: 'Hi', expected: ['Marketing'], kind: 'single' }];
    expect(() => parseCases(JSON.stringify(unknownExpert), 'cases.json')).toThrow(/\[0\.expected\.0\] Invalid option/);
    expect(() => parseCases('{ not json', 'cases.json')).toThrow(/cases.json is not valid JSON/);
  });
});

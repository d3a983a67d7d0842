import { describe, expect, it } from 'vitest';
import type { MemoryItem } from '../../server/memory/memory.ts';
import { routerContext } from '../../server/memory/router-context.ts';
import { countTokens } from '../../server/memory/tokens.ts';

const item = (role: MemoryItem['role'], content: string, context?: true): MemoryItem => ({
  role,
  content,
  tokens: countTokens(content),
  ...(context ? { context } : {}),
});
const total = (items: MemoryItem[]) => items.reduce((sum, i) => sum + countTokens(i.content), 0);

describe('the routing context', () => {
  const summary = item('user', Array.from({ length: 40 }, (_, i) => `- fact ${i}: the brand is Lumen & Wick`).join('\n'), true);
  const conversation = Array.from({ length: 30 }, (_, i) =>
    item(i % 2 ? 'assistant' : 'user', `${i % 2 ? 'Answer' : 'Question'} ${i}: ${'candles and wax '.repeat(30)}`),
  );
  const newest = item('user', 'And for TikTok?');

  it('keeps the background, the exchange before the new message and the new message, within the budget', () => {
    const routed = routerContext([summary, ...conversation, newest], 600, countTokens);
    expect(routed.at(-1)).toBe(newest);
    expect(routed[0]!.context).toBe(true);
    expect(routed[0]!.content).toContain('fact 0');
    expect(routed.map((i) => i.content.slice(0, 11))).toContain('Question 28');
    expect(routed.map((i) => i.content.slice(0, 9))).toContain('Answer 29');
    expect(total(routed)).toBeLessThanOrEqual(600 + 5);
    for (const i of routed) expect(i.tokens).toBe(countTokens(i.content));
  });

  it('cuts a long last reply to its beginning rather than dropping it', () => {
    const long = item('assistant', `Instagram plan:\n${'Post a reel about pouring wax every morning.\n'.repeat(200)}`);
    const routed = routerContext([item('user', 'Plan my Instagram'), long, newest], 400, countTokens);
    const reply = routed.find((i) => i.role === 'assistant')!;
    expect(reply.content.startsWith('Instagram plan:')).toBe(true);
    expect(reply.content.endsWith('[…]')).toBe(true);
    expect(routed.map((i) => i.content)).toContain('Plan my Instagram');
    expect(total(routed)).toBeLessThanOrEqual(400 + 5);
  });

  it('never cuts the new message, however long', () => {
    const huge = item('user', 'word '.repeat(3000));
    const routed = routerContext([summary, ...conversation, huge], 500, countTokens);
    expect(routed.at(-1)).toBe(huge);
    expect(routed.filter((i) => !i.context).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the business profile and the summary, in that order, ahead of the messages', () => {
    const profile = item(
      'user',
      'Business profile: facts the owner has told the team:\n- [0a1b2c3d] Jars come from Glasshaus.',
      true,
    );
    const short = item('user', 'Summary of the earlier conversation:\nThe owner plans a spring launch.', true);
    const routed = routerContext([profile, short, ...conversation, newest], 600, countTokens);
    expect(routed.slice(0, 2)).toEqual([profile, short]);
    expect(routed.filter((i) => i.context)).toHaveLength(2);
    expect(total(routed)).toBeLessThanOrEqual(600 + 5);
  });

  it('passes a short conversation through whole', () => {
    const items = [summary, ...conversation.slice(-4), newest];
    expect(routerContext(items, 100_000, countTokens)).toEqual(items);
  });
});

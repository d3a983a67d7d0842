// How a search splits into the parts each of which some message of a conversation must match.
import { expect, it } from 'vitest';
import { splitQuery } from '../../db/queries/search-terms.ts';

it('splits words, keeps "quoted phrases" and or-runs whole, and marks -word as excluded', () => {
  expect(splitQuery('candle instagram')).toEqual([
    { text: 'candle', negated: false },
    { text: 'instagram', negated: false },
  ]);
  expect(splitQuery('"eco candle" tiktok OR instagram -pottery')).toEqual([
    { text: '"eco candle"', negated: false },
    { text: 'tiktok or instagram', negated: false },
    { text: 'pottery', negated: true },
  ]);
  expect(splitQuery('-"wax melts" "unterminated phrase')).toEqual([
    { text: '"wax melts"', negated: true },
    { text: '"unterminated phrase', negated: false },
  ]);
});

it('reads a stray or, a lone dash and an empty query as words or nothing, never as syntax errors', () => {
  expect(splitQuery('or candle or')).toEqual([
    { text: 'or', negated: false },
    { text: 'candle', negated: false },
  ]);
  expect(splitQuery(' - ')).toEqual([{ text: '-', negated: false }]);
  expect(splitQuery('   ')).toEqual([]);
});

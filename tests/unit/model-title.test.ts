// What the titler's answer becomes: one short line, without the quotes, stops and emphasis models add.
import { describe, expect, it } from 'vitest';
import { cleanTitle } from '../../server/turns/model-title.ts';

describe('cleanTitle', () => {
  it('strips quotes, a "Title:" lead, Markdown and the final stop', () => {
    expect(cleanTitle('"Candle pricing."')).toBe('Candle pricing');
    expect(cleanTitle('Title: **Spring market plan**')).toBe('Spring market plan');
    expect(cleanTitle('« Prix des bougies »')).toBe('Prix des bougies');
    expect(cleanTitle('  Launch\n  post ideas  ')).toBe('Launch post ideas');
  });

  it('gives nothing for an empty answer, and cuts a rambling one on a word', () => {
    expect(cleanTitle(' "" ')).toBe('');
    const long = cleanTitle(
      'A very long title that goes on and on about candles, tins, markets, prices and weekend plans for spring',
    );
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('…')).toBe(true);
  });
});

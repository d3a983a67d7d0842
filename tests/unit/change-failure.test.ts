// What a form says when a change fails: the server's own sentence when it answered, else that
// Switchboard could not be reached and what was therefore not done.
import { describe, expect, it } from 'vitest';
import { changeFailure } from '../../client/error-words.ts';

describe('changeFailure', () => {
  it("passes on the server's sentence when it answered with a code", () => {
    const error = { data: { code: 'CONFLICT' }, message: 'This conversation is still answering.' };
    expect(changeFailure(error, 'nothing was deleted.')).toBe('This conversation is still answering.');
  });

  it('says the server was not reached, and what was not done, when no answer came', () => {
    const error = { data: null, message: 'Failed to fetch' };
    expect(changeFailure(error, 'the title was not saved.')).toBe('Switchboard cannot be reached: the title was not saved.');
    expect(changeFailure(error)).toBe('Switchboard cannot be reached.');
  });
});

// Files attached in the composer, as they travel in a message and come back out of it.
import { describe, expect, it } from 'vitest';
import { titleFrom } from '../../server/turns/title.ts';
import { splitAttachments, withAttachments } from '../../shared/attachments.ts';

const ID = '0b7c4c58-1111-4000-8000-000000000001';
const ID2 = '0b7c4c58-2222-4000-8000-000000000002';

describe('attachments in a message', () => {
  it('round-trips the files and the text, and leaves a message without them alone', () => {
    const message = withAttachments('What does wax cost?', [
      { id: ID, name: 'price-list.pdf' },
      { id: ID2, name: 'notes.md' },
    ]);
    expect(message).toBe(`What does wax cost?\n\nAttached: [price-list.pdf](/api/files/${ID}), [notes.md](/api/files/${ID2})`);
    expect(splitAttachments(message)).toEqual({
      text: 'What does wax cost?',
      files: [
        { id: ID, name: 'price-list.pdf' },
        { id: ID2, name: 'notes.md' },
      ],
    });
    expect(splitAttachments('Attached: [x](/api/files/nope)')).toEqual({ text: 'Attached: [x](/api/files/nope)', files: [] });
  });

  it('keeps a name with brackets from breaking its link', () => {
    const message = withAttachments('Hi', [{ id: ID, name: 'list [final].csv' }]);
    expect(splitAttachments(message).files).toEqual([{ id: ID, name: 'list  final .csv' }]);
  });

  it('titles a conversation by its words, not its attachments', () => {
    expect(titleFrom(withAttachments('What does wax cost?', [{ id: ID, name: 'price-list.pdf' }]))).toBe('What does wax cost?');
    expect(titleFrom(withAttachments('', [{ id: ID, name: 'price-list.pdf' }]))).toBe('price-list.pdf');
  });
});

// Tool calls as the owner reads them.
import { describe, expect, it } from 'vitest';
import { toolWords } from '../../client/tool-words.ts';

describe('toolWords', () => {
  it('names consults and the experts’ own tools in plain words, running and done', () => {
    expect(toolWords('consult_strategic')).toBe('asked Strategic');
    expect(toolWords('consult_strategic', 'now')).toBe('asking Strategic');
    expect(toolWords('search_files')).toBe('searched your files');
    expect(toolWords('remember', 'now')).toBe('noting this for your profile');
    expect(toolWords('web_search')).toBe('searched the web');
    expect(toolWords('generate_image', 'now')).toBe('drawing an image');
  });

  it('says which of the owner’s connected tools ran, and never shows underscores', () => {
    expect(toolWords('shop__list_orders')).toBe('used list orders in shop');
    expect(toolWords('something_new', 'now')).toBe('using something new');
  });
});

// A conversation's title from its first message: the words a person reads, without Markdown,
// cut on a word (and so a grapheme) boundary.
import type { Nodes } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitAttachments } from '../../shared/attachments.ts';

export const TITLE_GRAPHEMES = 60;

const parser = unified().use(remarkParse).use(remarkGfm);
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const words = new Intl.Segmenter('en', { granularity: 'word' });

/** Text content; blocks (paragraphs, list items, cells) are separated by a space. */
function plainText(node: Nodes): string {
  if (node.type === 'html') return '';
  if (node.type === 'break') return ' ';
  if ('value' in node) return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if (!('children' in node)) return '';
  const phrasing = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
  const inner = node.children.map((child) => plainText(child as Nodes));
  return phrasing || ['emphasis', 'strong', 'delete', 'link', 'linkReference'].includes(node.type)
    ? inner.join('')
    : inner.join(' ');
}

/** At most `limit` graphemes, cut at the last word boundary that fits, with an ellipsis. */
export function cutText(text: string, limit = TITLE_GRAPHEMES): string {
  const clusters = [...graphemes.segment(text)];
  if (clusters.length <= limit) return text;
  const hardEnd = clusters[limit - 1]!.index; // leaves room for the ellipsis
  let end = 0;
  // Every segment starts on a word boundary; take the last one that fits.
  for (const segment of words.segment(text)) {
    if (segment.index > hardEnd) break;
    end = segment.index;
  }
  // One word longer than the limit: cut between graphemes rather than show nothing.
  if (end === 0) end = hardEnd;
  return `${text.slice(0, end).replace(/[\s,;:–—-]+$/u, '')}…`;
}

export function titleFrom(message: string): string {
  const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
  // Attached files are not what the conversation is about; a message of files alone is named by them.
  const { text: written, files } = splitAttachments(message);
  const about = written.trim() ? written : files.map((file) => file.name).join(', ') || message;
  const text = collapse(plainText(parser.parse(about)));
  // A message that is only markup (an HTML tag, a bare rule) still needs a name.
  return cutText(text || collapse(message));
}

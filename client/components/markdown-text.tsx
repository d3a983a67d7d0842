// Model output as GitHub-flavoured Markdown (tables, task lists, strikethrough, autolinks). Raw
// HTML stays literal text: react-markdown escapes it unless rehype-raw is added, which this app
// never does. A streaming reply is split into top-level blocks, each memoized, so only the block
// still growing re-renders (no flicker of the finished ones).
import { memo, useMemo } from 'react';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownComponents, safeUrl } from './markdown-components.tsx';

const parser = unified().use(remarkParse).use(remarkGfm);
const plugins = [remarkGfm];

/** The source of each top-level block. Link definitions elsewhere in the text are kept with every block. */
export function splitBlocks(text: string): string[] {
  const tree = parser.parse(text);
  const definitions = tree.children.filter((node) => node.type === 'definition');
  const suffix = definitions.length
    ? `\n\n${definitions.map((d) => text.slice(d.position!.start.offset, d.position!.end.offset)).join('\n')}`
    : '';
  return tree.children
    .filter((node) => node.type !== 'definition')
    .map((node) => text.slice(node.position!.start.offset, node.position!.end.offset) + suffix);
}

const Block = memo(function Block({ source }: { source: string }) {
  return (
    <Markdown remarkPlugins={plugins} components={markdownComponents} urlTransform={safeUrl}>
      {source}
    </Markdown>
  );
});

export function MarkdownText({ text }: { text: string }) {
  const blocks = useMemo(() => splitBlocks(text), [text]);
  return (
    <div className="markdown">
      {blocks.map((source, index) => (
        <Block key={index} source={source} />
      ))}
    </div>
  );
}

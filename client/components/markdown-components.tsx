// How Markdown elements render: links only to the web or mail (anything else is plain text),
// tables that scroll inside the bubble, task boxes as symbols, code blocks with copy.
import type { Components } from 'react-markdown';
import { CodeBlock } from './code-block.tsx';

const SAFE = /^(https?:|mailto:)/i;

/** Keeps http(s) and mailto URLs; anything else (javascript:, data:, relative paths) becomes ''. */
export function safeUrl(url: string): string {
  return SAFE.test(url.trim()) ? url : '';
}

export const markdownComponents: Components = {
  a: ({ node: _node, href, children, ...props }) =>
    href ? (
      <a {...props} href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <span className="unsafe-link">{children}</span>
    ),
  // Remote images would be blocked by the CSP anyway; show where they point instead.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer">
        {alt || 'image'}
      </a>
    ) : (
      <span>{alt || 'image'}</span>
    ),
  table: ({ node: _node, ...props }) => (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Table">
      <table {...props} />
    </div>
  ),
  input: ({ checked }) => (
    <span className="task-box" role="img" aria-label={checked ? 'Done' : 'To do'}>
      {checked ? '☑' : '☐'}
    </span>
  ),
  pre: ({ node }) => {
    const code = node?.children[0];
    if (code?.type !== 'element' || code.tagName !== 'code') return null;
    const classes = (code.properties.className as string[] | undefined) ?? [];
    const language = classes.find((name) => name.startsWith('language-'))?.slice('language-'.length) ?? null;
    const text = code.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    return <CodeBlock code={text.replace(/\n$/, '')} language={language} />;
  },
};

// A fenced code block: its language, a copy button, and highlighting loaded on first use (a lazy
// chunk, so the first page load does not pay for it).
import { useEffect, useState } from 'react';
import { CopyButton } from './copy-button.tsx';

type Highlighter = typeof import('../highlight.ts');
let loading: Promise<Highlighter> | null = null;
const loadHighlighter = () => (loading ??= import('../highlight.ts'));

export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void loadHighlighter().then(
      (highlighter) => current && setHtml(highlighter.highlight(code, language)),
      () => undefined, // No highlighting (chunk failed to load): the plain code still reads.
    );
    return () => {
      current = false;
    };
  }, [code, language]);
  return (
    <figure className="code-block">
      <figcaption>
        <span>{language ?? 'code'}</span>
        <CopyButton text={code} what={language ? `${language} code` : 'code'} />
      </figcaption>
      <pre tabIndex={0}>
        {/* highlight.js escapes the code: its output holds only its own span elements. */}
        {html === null ? (
          <code>{code}</code>
        ) : (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escaped the code (see above).
          <code className="hljs" dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </pre>
    </figure>
  );
}

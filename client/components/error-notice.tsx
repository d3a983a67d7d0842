// A failure as a person reads it: the plain sentence, the next step, the technical detail one click away.
import type { ReactNode } from 'react';
import { type Failure, plainWords, providerName } from '../error-words.ts';
import { useHealth } from '../hooks/use-health.ts';

type Props = { failure: Failure; heading?: string; children?: ReactNode; testId?: string };

export function ErrorNotice({ failure, heading, children, testId }: Props) {
  const provider = providerName(useHealth().data?.model?.api);
  return (
    <div className="turn-error" role="alert" data-testid={testId}>
      <p>
        {heading && <strong>{heading} </strong>}
        {plainWords(failure, provider)}
      </p>
      {children && <div className="actions">{children}</div>}
      <details className="error-detail">
        <summary>Technical detail</summary>
        <code>
          {failure.code}: {failure.message}
        </code>
      </details>
    </div>
  );
}

// One fact of the business profile: who taught it (with a link to that conversation) and what it
// was learned from, its history, edited in place, forgotten after a confirmation.
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type MouseEvent, useState } from 'react';
import type { Fact } from '../api-types.ts';
import { changeFailure } from '../error-words.ts';
import { formatWhen } from '../format.ts';
import { pathFor, useRoute } from '../hooks/use-route.ts';
import { useTRPC } from '../trpc.ts';
import { FactHistory } from './fact-history.tsx';
import { LearnedFrom } from './learned-from.tsx';

const failure = (error: Parameters<typeof changeFailure>[0]) => changeFailure(error, 'nothing was changed.');

export function FactItem({ fact, onChanged }: { fact: Fact; onChanged: () => Promise<void> }) {
  const trpc = useTRPC();
  const { navigate } = useRoute();
  const [mode, setMode] = useState<'view' | 'edit' | 'forget'>('view');
  const [showHistory, setShowHistory] = useState(false);
  const [text, setText] = useState(fact.text);
  const update = useMutation(trpc.profile.update.mutationOptions({ onSuccess: () => onChanged().then(() => setMode('view')) }));
  const forget = useMutation(trpc.profile.forget.mutationOptions({ onSuccess: onChanged }));
  const source = fact.source;
  const openSource = (event: MouseEvent, conversationId: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(conversationId);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === fact.text) return setMode('view');
    if (text.trim()) update.mutate({ factId: fact.id, text });
  };

  return (
    <li className="fact" data-testid="fact">
      {mode === 'edit' ? (
        <form className="inline-form" onSubmit={save} onKeyDown={(event) => event.key === 'Escape' && setMode('view')}>
          <label htmlFor={`fact-${fact.id}`} className="visually-hidden">
            Fact
          </label>
          <textarea
            id={`fact-${fact.id}`}
            rows={3}
            value={text}
            maxLength={500}
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
          <div className="fact-actions">
            <button type="submit" className="primary small" disabled={!text.trim() || update.isPending}>
              Save
            </button>
            <button type="button" className="small" onClick={() => (setText(fact.text), setMode('view'))}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p className="fact-text" data-testid="fact-text">
          {fact.text}
        </p>
      )}
      <p className="fact-source small muted">
        {source.kind === 'user' ? (
          'Added by you'
        ) : source.conversationId ? (
          <>
            Remembered by {source.agent} in{' '}
            <a href={pathFor(source.conversationId)} onClick={(event) => openSource(event, source.conversationId!)}>
              this conversation
            </a>
          </>
        ) : (
          `Remembered by ${source.agent} (conversation deleted)`
        )}
        {source.kind === 'agent' && fact.confirmedAt ? ', accepted by you' : ''} ·{' '}
        <time dateTime={fact.updatedAt}>{formatWhen(fact.updatedAt)}</time>
      </p>
      <LearnedFrom sources={fact.learnedFrom} />
      {mode === 'view' && (
        <div className="fact-actions">
          <button type="button" className="ghost small" onClick={() => setMode('edit')} aria-label={`Edit: ${fact.text}`}>
            Edit
          </button>
          <button type="button" className="ghost small" onClick={() => setMode('forget')} aria-label={`Forget: ${fact.text}`}>
            Forget
          </button>
          <button
            type="button"
            className="ghost small"
            aria-expanded={showHistory}
            onClick={() => setShowHistory(!showHistory)}
            aria-label={`History: ${fact.text}`}
          >
            History
          </button>
        </div>
      )}
      {showHistory && <FactHistory factId={fact.id} />}
      {mode === 'forget' && (
        <div className="fact-actions" role="group" aria-label="Forget this fact?">
          <span className="small">No expert will see this again.</span>
          <button
            type="button"
            className="danger small"
            disabled={forget.isPending}
            onClick={() => forget.mutate({ factId: fact.id })}
          >
            Forget
          </button>
          <button type="button" className="small" autoFocus onClick={() => setMode('view')}>
            Keep
          </button>
        </div>
      )}
      {(update.error ?? forget.error) && (
        <p className="field-error" role="alert">
          {failure((update.error ?? forget.error)!)}
        </p>
      )}
    </li>
  );
}

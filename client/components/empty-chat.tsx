import { EXPERT_ROSTER } from '../../shared/roster.ts';

const listFormat = new Intl.ListFormat('en', { type: 'disjunction' });
const EXPERTS = listFormat.format(EXPERT_ROSTER.map((expert) => `${expert.name} (${expert.blurb})`));

/** A new chat: what the assistant is for, and a way to begin with each expert. */
export function EmptyChat({ onPick }: { onPick: ((text: string) => void) | undefined }) {
  return (
    <section className="empty-chat" aria-labelledby="empty-chat-title">
      <h2 id="empty-chat-title">What are you working on?</h2>
      <p className="muted">
        Ask anything about your business. The Orchestrator hands each question to the expert that fits: {EXPERTS}.
      </p>
      <ul className="suggestions">
        {EXPERT_ROSTER.map(({ name, example }) => (
          <li key={name}>
            <button type="button" className="suggestion" disabled={!onPick} onClick={() => onPick?.(example)}>
              {example}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

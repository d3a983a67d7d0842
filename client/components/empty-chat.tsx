const SUGGESTIONS = [
  'Suggest a brand name for my eco-friendly candle shop',
  'How should I price a one-person design studio?',
  'Plan the first month of Instagram posts for a bakery',
  'Draft a production roadmap for 200 handmade mugs',
];

/** A new chat: what the assistant is for, and a few ways to begin. */
export function EmptyChat({ onPick }: { onPick: ((text: string) => void) | undefined }) {
  return (
    <section className="empty-chat" aria-labelledby="empty-chat-title">
      <h2 id="empty-chat-title">What are you working on?</h2>
      <p className="muted">
        Ask anything about your business. The Orchestrator hands each question to the expert that fits: Strategic,
        Creative, Producing or Media.
      </p>
      <ul className="suggestions">
        {SUGGESTIONS.map((text) => (
          <li key={text}>
            <button type="button" className="suggestion" disabled={!onPick} onClick={() => onPick?.(text)}>
              {text}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

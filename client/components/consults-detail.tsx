// Which colleagues the answering expert consulted within a turn, and what each consult cost.
import type { Turn } from '../api-types.ts';
import { formatMs, formatTokens } from '../format.ts';
import { AgentBadge } from './agent-badge.tsx';

export function ConsultsDetail({ consults }: { consults: Turn['consults'] }) {
  if (consults.length === 0) return null;
  return (
    <section aria-label="Consults">
      <h3>Consults</h3>
      <ol className="consults" data-testid="consults">
        {consults.map((consult, index) => (
          <li key={index}>
            <span>
              <AgentBadge agent={consult.by} /> asked <AgentBadge agent={consult.agent} />
              <span className={consult.ok ? 'ok' : 'bad'}> {consult.ok ? '' : '(failed)'}</span>
            </span>
            <q className="reason">{consult.question}</q>
            <span className="muted small">
              {formatTokens(consult.inputTokens)} in / {formatTokens(consult.outputTokens)} out · {formatMs(consult.ms)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

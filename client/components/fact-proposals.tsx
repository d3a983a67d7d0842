// Changes experts proposed to facts you wrote or accepted: none applies until you accept it.
import { useMutation } from '@tanstack/react-query';
import type { RouterOutputs } from '../api-types.ts';
import { changeFailure } from '../error-words.ts';
import { useTRPC } from '../trpc.ts';
import { LearnedFrom } from './learned-from.tsx';

type Proposal = RouterOutputs['profile']['get']['proposals'][number];

export function FactProposals({ proposals, onChanged }: { proposals: Proposal[]; onChanged: () => Promise<void> }) {
  if (!proposals.length) return null;
  return (
    <section className="fact-proposals" aria-labelledby="proposals-title" data-testid="fact-proposals">
      <h3 id="proposals-title" className="small">
        Waiting for you ({proposals.length})
      </h3>
      <ul className="fact-list">
        {proposals.map((proposal) => (
          <ProposalItem key={proposal.id} proposal={proposal} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function ProposalItem({ proposal, onChanged }: { proposal: Proposal; onChanged: () => Promise<void> }) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.profile.accept.mutationOptions({ onSuccess: onChanged }));
  const dismiss = useMutation(trpc.profile.dismiss.mutationOptions({ onSuccess: onChanged }));
  const busy = accept.isPending || dismiss.isPending;
  const error = accept.error ?? dismiss.error;
  return (
    <li className="fact proposal" data-testid="proposal">
      <p className="fact-text">{proposal.text}</p>
      <p className="fact-source small muted">
        {proposal.source.agent} proposes this instead of “{proposal.currentText}”, which stays until you accept.
      </p>
      <LearnedFrom sources={proposal.learnedFrom} />
      <div className="fact-actions">
        <button
          type="button"
          className="primary small"
          disabled={busy}
          onClick={() => accept.mutate({ proposalId: proposal.id })}
          aria-label={`Accept: ${proposal.text}`}
        >
          Accept
        </button>
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => dismiss.mutate({ proposalId: proposal.id })}
          aria-label={`Dismiss: ${proposal.text}`}
        >
          Dismiss
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {changeFailure(error, 'nothing was changed.')}
        </p>
      )}
    </li>
  );
}

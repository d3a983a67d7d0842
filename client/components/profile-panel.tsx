// "Business profile": the facts every expert sees, newest first, and a box to add one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useState } from 'react';
import { isUnauthorized } from '../access-token.ts';
import { changeFailure } from '../error-words.ts';
import { isNetworkError } from '../network-error.ts';
import { useTRPC } from '../trpc.ts';
import { FactItem } from './fact-item.tsx';
import { FactProposals } from './fact-proposals.tsx';
import { Skeleton } from './skeleton.tsx';

export function ProfilePanel({ businessId, businessName }: { businessId: string | undefined; businessName: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const profile = useQuery(trpc.profile.get.queryOptions({ businessId }));
  const [text, setText] = useState('');
  // What a model will see changed: the memory panel and the routing details show it too.
  const refresh = useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.profile.get.pathFilter()),
      queryClient.invalidateQueries(trpc.profile.history.pathFilter()),
      queryClient.invalidateQueries(trpc.chat.memory.pathFilter()),
      queryClient.invalidateQueries(trpc.chat.history.pathFilter()),
    ]);
  }, [queryClient, trpc]);
  const add = useMutation(trpc.profile.add.mutationOptions({ onSuccess: () => refresh().then(() => setText('')) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate({ businessId, text });
  };
  const facts = profile.data?.facts ?? [];

  return (
    <section className="panel" aria-labelledby="profile-title" data-testid="profile-panel">
      <div className="panel-head">
        <h2 id="profile-title">Business profile</h2>
        <p className="small muted">
          What every expert knows about {businessName ?? 'this business'}, in every conversation. Experts add what you tell them.
        </p>
      </div>
      {profile.error && !isUnauthorized(profile.error) && (
        <p className="field-error">
          {isNetworkError(profile.error)
            ? 'The profile will show once Switchboard is reachable.'
            : `Could not load the profile: ${profile.error.message}`}
        </p>
      )}
      <FactProposals proposals={profile.data?.proposals ?? []} onChanged={refresh} />
      {profile.isPending && <Skeleton label="Loading the profile" />}
      {profile.isSuccess && facts.length === 0 && <p className="small muted">No facts yet.</p>}
      {facts.length > 0 && (
        <ul className="fact-list" data-testid="fact-list">
          {facts.map((fact) => (
            <FactItem key={`${fact.id}-${fact.updatedAt}`} fact={fact} onChanged={refresh} />
          ))}
        </ul>
      )}
      {/* A fact is added once the ones there are have loaded: no edit before its context. */}
      {profile.isSuccess && (
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor="add-fact" className="visually-hidden">
            A fact about the business
          </label>
          <input
            id="add-fact"
            placeholder="Add a fact, e.g. We ship from Leipzig"
            value={text}
            maxLength={500}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="small" disabled={!text.trim() || add.isPending}>
            Add
          </button>
        </form>
      )}
      {add.error && (
        <p className="field-error" role="alert">
          {changeFailure(add.error, 'the fact was not added.')}
        </p>
      )}
    </section>
  );
}

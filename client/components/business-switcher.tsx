// Which business the app works in; a new one is named in place.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changeFailure } from '../error-words.ts';
import { useBusiness } from '../hooks/use-business.ts';
import { useTRPC } from '../trpc.ts';

export function BusinessSwitcher({ onSwitched }: { onSwitched: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { businesses, business, choose } = useBusiness();
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.businesses.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries(trpc.businesses.list.pathFilter());
        choose(created.id);
        setAdding(false);
        setName('');
        onSwitched();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name });
  };
  if (!businesses.length) return null;

  return (
    <div className="business-switcher" data-testid="business-switcher">
      <div className="business-row">
        <label htmlFor="business-select" className="visually-hidden">
          Business
        </label>
        <select id="business-select" value={business?.id ?? ''} onChange={(event) => (choose(event.target.value), onSwitched())}>
          {businesses.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="ghost icon"
          aria-label="New business"
          aria-expanded={adding}
          onClick={() => setAdding((value) => !value)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      {adding && (
        <form className="inline-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && setAdding(false)}>
          <label htmlFor="business-name" className="visually-hidden">
            Name of the new business
          </label>
          <input
            id="business-name"
            placeholder="Name of the new business"
            value={name}
            maxLength={100}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="primary small" disabled={!name.trim() || create.isPending}>
            Create
          </button>
          {create.error && (
            <p className="field-error" role="alert">
              {changeFailure(create.error, 'the business was not created.')}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

// Which business the app works in; a new one is named in place, and the current one renamed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useBusiness } from '../hooks/use-business.ts';
import { useTRPC } from '../trpc.ts';
import { BusinessNameForm } from './business-name-form.tsx';

export function BusinessSwitcher({ onSwitched }: { onSwitched: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { businesses, business, choose } = useBusiness();
  const [mode, setMode] = useState<'create' | 'rename' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  // The form closes: focus goes back to the button that opened it.
  const close = () => {
    const opener = mode === 'rename' ? renameButton : addButton;
    setMode(null);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const create = useMutation(
    trpc.businesses.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries(trpc.businesses.list.pathFilter());
        choose(created.id);
        close();
        onSwitched();
      },
    }),
  );
  const rename = useMutation(
    trpc.businesses.rename.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.businesses.list.pathFilter());
        close();
      },
    }),
  );
  if (!businesses.length) return null;
  const toggle = (next: 'create' | 'rename') => (mode === next ? close() : setMode(next));

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
          ref={renameButton}
          type="button"
          className="ghost icon"
          aria-label="Rename business"
          aria-expanded={mode === 'rename'}
          disabled={!business}
          onClick={() => toggle('rename')}
        >
          <span aria-hidden="true">✎</span>
        </button>
        <button
          ref={addButton}
          type="button"
          className="ghost icon"
          aria-label="New business"
          aria-expanded={mode === 'create'}
          onClick={() => toggle('create')}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      {mode === 'create' && (
        <BusinessNameForm
          purpose="create"
          pending={create.isPending}
          error={create.error}
          onSave={(name) => create.mutate({ name })}
          onCancel={close}
        />
      )}
      {mode === 'rename' && business && (
        <BusinessNameForm
          key={business.id}
          purpose="rename"
          initial={business.name}
          pending={rename.isPending}
          error={rename.error}
          onSave={(name) => rename.mutate({ businessId: business.id, name })}
          onCancel={close}
        />
      )}
    </div>
  );
}

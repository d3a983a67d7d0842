// A business's name, typed in place: a new business, or a new name for the one the app works in.
// Enter saves, Esc cancels.
import { type FormEvent, useState } from 'react';
import { changeFailure } from '../error-words.ts';

type Props = {
  purpose: 'create' | 'rename';
  initial?: string;
  pending: boolean;
  error: { data?: { code?: string } | null; message: string } | null;
  onSave: (name: string) => void;
  onCancel: () => void;
};

export function BusinessNameForm({ purpose, initial = '', pending, error, onSave, onCancel }: Props) {
  const [name, setName] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === initial.trim()) return onCancel();
    if (name.trim()) onSave(name);
  };
  const label = purpose === 'create' ? 'Name of the new business' : 'New name of the business';
  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <label htmlFor="business-name" className="visually-hidden">
        {label}
      </label>
      <input
        id="business-name"
        placeholder={label}
        value={name}
        maxLength={100}
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="primary small" disabled={!name.trim() || pending}>
        {purpose === 'create' ? 'Create' : 'Save'}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {changeFailure(error, purpose === 'create' ? 'the business was not created.' : 'the name was not changed.')}
        </p>
      )}
    </form>
  );
}

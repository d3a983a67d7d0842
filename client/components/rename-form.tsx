// The conversation's title, edited in place: Enter saves, Escape cancels.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changeFailure } from '../error-words.ts';
import { useTRPC } from '../trpc.ts';

type Props = { conversationId: string; title: string; onDone: () => void };

export function RenameForm({ conversationId, title, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(title);
  const rename = useMutation(
    trpc.conversations.rename.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.chat.history.queryFilter({ conversationId })),
          queryClient.invalidateQueries(trpc.conversations.list.pathFilter()),
        ]);
        onDone();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === title) return onDone();
    if (value.trim()) rename.mutate({ conversationId, title: value });
  };
  return (
    <form className="rename-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onDone()}>
      <label htmlFor="rename-input" className="visually-hidden">
        Conversation title
      </label>
      <input id="rename-input" value={value} maxLength={200} autoFocus onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="primary" disabled={!value.trim() || rename.isPending}>
        Save
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {rename.error && (
        <p className="field-error" role="alert">
          {changeFailure(rename.error, 'the title was not saved.')}
        </p>
      )}
    </form>
  );
}

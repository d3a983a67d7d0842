// Asks before deleting: a conversation, its messages and routing records go for good.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { changeFailure } from '../error-words.ts';
import { useTRPC } from '../trpc.ts';

type Props = { conversationId: string; title: string; onClose: () => void; onDeleted: () => void };

export function DeleteDialog({ conversationId, title, onClose, onDeleted }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const remove = useMutation(
    trpc.conversations.delete.mutationOptions({
      onSuccess: async () => {
        onDeleted();
        queryClient.removeQueries(trpc.chat.history.queryFilter({ conversationId }));
        queryClient.removeQueries(trpc.chat.memory.queryFilter({ conversationId }));
        await Promise.all([
          queryClient.invalidateQueries(trpc.conversations.list.pathFilter()),
          queryClient.invalidateQueries(trpc.stats.agentUsage.pathFilter()),
        ]);
      },
    }),
  );
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="delete-title" onClose={onClose}>
      <h2 id="delete-title">Delete this conversation?</h2>
      <p>“{title}”, its messages and their routing records will be deleted for good.</p>
      {remove.error && (
        <p className="field-error" role="alert">
          {changeFailure(remove.error, 'nothing was deleted.')}
        </p>
      )}
      <div className="actions">
        <button type="button" autoFocus onClick={() => dialog.current?.close()}>
          Cancel
        </button>
        <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate({ conversationId })}>
          {remove.isPending ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </dialog>
  );
}

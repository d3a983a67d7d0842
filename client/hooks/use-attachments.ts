// Files the owner attaches in the composer (the button, a paste or a drop): each uploads to the
// business at once (POST /api/files), with its progress, and waits there as a chip until the
// message is sent.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { AttachedFile } from '../../shared/attachments.ts';
import { useTRPC } from '../trpc.ts';
import { uploadFile } from '../upload-file.ts';

export type Attachment = { key: string; name: string; progress: number; file?: AttachedFile; error?: string };

export function useAttachments(businessId: string | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [attachments, setAttachments] = useState<Attachment[]>([]);

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = `${file.name}-${Date.now()}-${Math.random()}`;
        const patch = (change: Partial<Attachment>) =>
          setAttachments((all) => all.map((a) => (a.key === key ? { ...a, ...change } : a)));
        setAttachments((all) => [...all, { key, name: file.name, progress: 0 }]);
        void uploadFile(file, (progress) => patch({ progress }), businessId).then((outcome) => {
          patch(outcome.ok ? { progress: 1, file: { id: outcome.id, name: outcome.name } } : { error: outcome.message });
          if (outcome.ok) void queryClient.invalidateQueries(trpc.files.list.pathFilter());
        });
      }
    },
    [businessId, queryClient, trpc],
  );
  const remove = useCallback((key: string) => setAttachments((all) => all.filter((a) => a.key !== key)), []);
  const clear = useCallback(() => setAttachments([]), []);
  const uploading = attachments.some((a) => !a.file && !a.error);
  const ready = attachments.flatMap((a) => (a.file ? [a.file] : []));
  return { attachments, add, remove, clear, uploading, ready };
}

// "Your files": documents the experts look things up in (search_files) and the images Creative
// drew, of the business the app works in. Drop files or pick them; each uploads with its progress;
// delete asks first.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import type { RouterOutputs } from '../api-types.ts';
import { useTRPC } from '../trpc.ts';
import { uploadFile } from '../upload-file.ts';
import { Skeleton } from './skeleton.tsx';

type FileItem = RouterOutputs['files']['list']['items'][number];
type Upload = { key: string; name: string; progress: number; error?: string };

export function FilesPanel({ businessId }: { businessId: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const files = useQuery(trpc.files.list.queryOptions({ businessId }));
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);

  async function upload(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      const key = `${file.name}-${Date.now()}-${Math.random()}`;
      const patch = (change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
      setUploads((all) => [...all, { key, name: file.name, progress: 0 }]);
      const outcome = await uploadFile(file, (progress) => patch({ progress }), businessId);
      if (outcome.ok) setUploads((all) => all.filter((u) => u.key !== key));
      else patch({ error: outcome.message });
      await queryClient.invalidateQueries(trpc.files.list.pathFilter());
    }
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files);
  };

  return (
    <section className="panel" aria-labelledby="files-title" data-testid="files-panel">
      <h2 id="files-title">Your files</h2>
      <label
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>Drop a PDF, CSV, Markdown or text file here, or choose one</span>
        <input
          type="file"
          multiple
          accept=".pdf,.csv,.md,.markdown,.txt,application/pdf,text/csv,text/markdown,text/plain"
          onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))}
        />
      </label>
      <p className="small muted">The experts look facts up in these files when they answer.</p>
      {uploads.map((u) => (
        <div key={u.key} className="upload-row" data-testid="upload-progress">
          <span className="file-name">{u.name}</span>
          {u.error ? (
            <p className="field-error" role="alert">
              {u.error}{' '}
              <button
                type="button"
                className="small ghost"
                onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}
              >
                Dismiss
              </button>
            </p>
          ) : (
            <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
          )}
        </div>
      ))}
      {files.isPending && <Skeleton label="Loading files" lines={2} />}
      {files.error && <p className="field-error">Could not load files: {files.error.message}</p>}
      {files.data && files.data.items.length === 0 && <p className="small muted">No files yet.</p>}
      <ul className="file-list">
        {files.data?.items.map((file) => (
          <FileRow key={file.id} file={file} />
        ))}
      </ul>
    </section>
  );
}

function FileRow({ file }: { file: FileItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.files.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.files.list.pathFilter()) }),
  );
  const label = file.kind === 'image' ? (file.prompt ?? 'Image') : file.name;
  const extent =
    file.kind === 'image'
      ? 'image'
      : file.pages
        ? `${file.pages} ${file.pages === 1 ? 'page' : 'pages'}`
        : `${file.chars.toLocaleString('en')} characters`;
  return (
    <li className="file-row" data-testid="file-row">
      <span className="file-name" title={label}>
        {label}
      </span>
      <span className="small muted">
        {extent} · {sizeOf(file.bytes)}
      </span>
      {remove.error && <span className="field-error">{remove.error.message}</span>}
      {confirming ? (
        <span className="file-actions">
          <button
            type="button"
            className="small danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ fileId: file.id })}
          >
            {remove.isPending ? 'Deleting…' : `Delete ${file.kind === 'image' ? 'image' : 'file'}`}
          </button>
          <button type="button" className="small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" className="small ghost" aria-label={`Delete ${label}`} onClick={() => setConfirming(true)}>
          Delete
        </button>
      )}
    </li>
  );
}

function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}

// Downloads the whole conversation, with every turn's routing record, as JSON or Markdown.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { saveFile } from '../save-file.ts';
import { useTRPC } from '../trpc.ts';

const FORMATS = [
  { format: 'markdown', label: 'Markdown' },
  { format: 'json', label: 'JSON' },
] as const;

export function ExportButtons({ conversationId, onChosen }: { conversationId: string; onChosen?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  async function download(format: 'json' | 'markdown') {
    setError(null);
    try {
      const file = await queryClient.fetchQuery({
        ...trpc.conversations.export.queryOptions({ conversationId, format }),
        staleTime: 0,
      });
      saveFile(file);
      onChosen?.();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Export failed.');
    }
  }

  return (
    <div className="export" role="group" aria-label="Download conversation">
      {FORMATS.map(({ format, label }) => (
        <button key={format} type="button" className="ghost" onClick={() => void download(format)}>
          Download {label}
        </button>
      ))}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

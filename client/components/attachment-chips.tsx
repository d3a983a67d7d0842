// Chips for attached files: in the composer (uploading, failed, removable) and on a sent message
// (each opening its file).

import type { AttachedFile } from '../../shared/attachments.ts';
import { readToken } from '../access-token.ts';
import type { Attachment } from '../hooks/use-attachments.ts';
import { openWithToken } from './reply-sources.tsx';

export function ComposerChips({ attachments, onRemove }: { attachments: Attachment[]; onRemove: (key: string) => void }) {
  if (!attachments.length) return null;
  return (
    <ul className="attachment-chips" aria-label="Attached files" data-testid="composer-attachments">
      {attachments.map((a) => (
        <li key={a.key} className={a.error ? 'chip bad' : 'chip'} data-testid="attachment-chip">
          <span className="chip-name">{a.name}</span>
          {a.error ? (
            <span className="small" role="alert">
              {a.error}
            </span>
          ) : (
            !a.file && <progress max={1} value={a.progress} aria-label={`Uploading ${a.name}`} />
          )}
          <button type="button" className="ghost icon small" aria-label={`Remove ${a.name}`} onClick={() => onRemove(a.key)}>
            <span aria-hidden="true">✕</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function MessageChips({ files }: { files: AttachedFile[] }) {
  if (!files.length) return null;
  const token = readToken();
  return (
    <ul className="attachment-chips sent" aria-label="Attached files" data-testid="message-attachments">
      {files.map((file) => (
        <li key={file.id} className="chip">
          <a
            href={`/api/files/${file.id}`}
            target="_blank"
            rel="noopener"
            onClick={token ? (event) => void openWithToken(event, token) : undefined}
          >
            <PaperClip />
            {file.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Drawn, not an emoji: not every phone or desktop has an emoji font. */
export function PaperClip() {
  return (
    <svg className="paper-clip" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d="M8 12.5l6.4-6.4a3 3 0 114.2 4.2l-8.1 8.1a5 5 0 01-7-7l7.6-7.6"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

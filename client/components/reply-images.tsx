// The images a reply's turn drew: inline, lazy, the prompt as alt text; a click enlarges one in a
// dialog with a download link.
import { useEffect, useRef, useState } from 'react';
import type { Message } from '../api-types.ts';
import { useFileUrl } from '../hooks/use-file-url.ts';

type Attachment = NonNullable<Message['attachments']>[number];

export function ReplyImages({ images }: { images: Attachment[] }) {
  return (
    <div className="reply-images" data-testid="reply-images">
      {images.map((image) => (
        <ReplyImage key={image.id} image={image} />
      ))}
    </div>
  );
}

function ReplyImage({ image }: { image: Attachment }) {
  const { src, failed } = useFileUrl(image.url);
  const [enlarged, setEnlarged] = useState(false);
  const filename = `${
    image.prompt
      .toLowerCase()
      .match(/[a-z0-9]+/g)
      ?.slice(0, 6)
      .join('-') || 'image'
  }.${image.contentType.split('/')[1] ?? 'png'}`;
  if (failed) return <p className="field-error">This image could not be loaded.</p>;
  return (
    <figure className="reply-image">
      <button
        type="button"
        className="image-button"
        onClick={() => setEnlarged(true)}
        aria-label={`Enlarge image: ${image.prompt}`}
      >
        {src ? (
          <img src={src} alt={image.prompt} loading="lazy" decoding="async" width={1024} height={1024} />
        ) : (
          <span className="image-placeholder" aria-hidden="true" />
        )}
      </button>
      <figcaption className="small muted">
        {src && (
          <a href={src} download={filename}>
            Download
          </a>
        )}
      </figcaption>
      {enlarged && src && <ImageDialog src={src} prompt={image.prompt} filename={filename} onClose={() => setEnlarged(false)} />}
    </figure>
  );
}

/** Mounted only while open: the app's .dialog style would otherwise show a closed dialog. */
function ImageDialog({ src, prompt, filename, onClose }: { src: string; prompt: string; filename: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; Escape is the dialog's own.
    <dialog
      ref={dialog}
      className="dialog image-dialog"
      aria-label={prompt}
      onClose={onClose}
      onClick={(e) => e.target === dialog.current && dialog.current?.close()}
    >
      <img src={src} alt={prompt} />
      <p className="small">{prompt}</p>
      <div className="actions">
        <a className="button" href={src} download={filename}>
          Download
        </a>
        <button type="button" autoFocus onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

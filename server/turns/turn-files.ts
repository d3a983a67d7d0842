// The file store as one turn's tools see it: its business's uploads to search, and a place to
// keep the images it draws (linked to the turn, so its reply shows them).
import type { Db } from '../../db/client.ts';
import { insertImage, searchPassages } from '../../db/queries/files.ts';
import type { TurnFiles } from '../agents/turn-context.ts';
import { toAttachmentDto } from '../files/file-dto.ts';

/** Passages one search answers with: enough to compare, few enough to fit a model's context. */
const SEARCH_LIMIT = 5;

export function turnFiles(db: Db, turn: { id: string; businessId: string }): TurnFiles {
  const { businessId } = turn;
  return {
    search: (query) => searchPassages(db, { query, businessId, limit: SEARCH_LIMIT }),
    async saveImage(image) {
      const name = imageName(image.prompt, image.contentType);
      return toAttachmentDto(await insertImage(db, { ...image, name, turnId: turn.id, businessId }));
    },
  };
}

/** "logo-for-lumen-wick-candles.png": what a downloaded image is saved as. */
function imageName(prompt: string, contentType: string): string {
  const words = prompt.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const stem = words.slice(0, 6).join('-').slice(0, 60) || 'image';
  return `${stem}.${contentType.split('/')[1] === 'jpeg' ? 'jpg' : contentType.split('/')[1]}`;
}

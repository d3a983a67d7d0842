// An upload from arrival to the store: a safe name, its type from its bytes, its text as
// passages; or the refusal that says why not, with nothing stored.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defaultBusiness, findBusiness } from '../../db/queries/businesses.ts';
import { insertUpload } from '../../db/queries/files.ts';
import type { Upload } from '../http/read-upload.ts';
import type { Refusal } from '../http/refusals.ts';
import { detectType } from './detect-type.ts';
import { extractPassages } from './extract-text.ts';
import { type FileDto, toFileDto } from './file-dto.ts';
import type { UploadRefusals } from './upload-refusals.ts';

const MAX_NAME_CHARS = 200;
const businessIdSchema = z.uuid();

export async function ingestUpload(db: Db, upload: Upload, refusals: UploadRefusals): Promise<FileDto | Refusal> {
  const named = upload.fields.businessId?.trim();
  if (named && !businessIdSchema.safeParse(named).success) return refusals.badBusinessId;
  // Looked up, not left to the foreign key: the refusal is a sentence, never constraint text.
  const business = named ? await findBusiness(db, named) : await defaultBusiness(db);
  if (!business) return refusals.unknownBusiness;
  const businessId = business.id;
  const name = cleanName(upload.name);
  const detected = detectType(name, upload.content);
  if (!detected.ok) return refusals[detected.reason];
  const extracted = await extractPassages(detected.type, upload.content);
  if (!extracted.ok) {
    if (extracted.reason === 'unreadable') return refusals.unreadable;
    return detected.type === 'pdf' ? refusals.noTextLayer : refusals.empty;
  }
  const row = await insertUpload(
    db,
    {
      name,
      contentType: detected.contentType,
      content: upload.content,
      chars: extracted.chars,
      pages: extracted.pages ?? null,
      businessId,
    },
    extracted.passages,
  );
  return toFileDto(row);
}

/**
 * The name as a person would read it: no folders (a name is never a path here), no control or
 * direction-override characters, bounded length.
 */
export function cleanName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^[\s.]+|\s+$/gu, '')
    .slice(0, MAX_NAME_CHARS);
  return clean || 'upload';
}

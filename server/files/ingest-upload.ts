// An upload from arrival to the store: a safe name, its type from its bytes, its text as
// passages; or the refusal that says why not, with nothing stored.
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { defaultBusiness, findBusiness } from '../../db/queries/businesses.ts';
import { insertUpload } from '../../db/queries/files.ts';
import type { Upload } from '../http/read-upload.ts';
import type { Refusal } from '../http/refusals.ts';
import { extensionOf, isPdf } from './detect-type.ts';
import { documentReader } from './document-reader.ts';
import { type FileDto, toFileDto } from './file-dto.ts';
import { overLimitRefusals, type UploadRefusals } from './upload-refusals.ts';

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
  const read = await documentReader.read(name, upload.content);
  if (!read.ok) {
    const { reason } = read;
    const pdf = isPdf(upload.content);
    if (reason === 'no-text') return pdf ? refusals.noTextLayer : refusals.empty;
    if (reason === 'executable' || reason === 'unsupported' || reason === 'unreadable') return refusals[reason];
    return overLimitRefusals(pdf ? 'PDF' : extensionOf(name) === 'csv' ? 'CSV file' : 'file')[reason];
  }
  const row = await insertUpload(
    db,
    { name, contentType: read.contentType, content: upload.content, chars: read.chars, pages: read.pages ?? null, businessId },
    read.passages,
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

// Files as the API shows them: the list, the upload's answer and a reply's attachments.
import type { FileInfo } from '../../db/queries/files.ts';

export type FileDto = {
  id: string;
  name: string;
  contentType: string;
  kind: 'upload' | 'image';
  bytes: number;
  chars: number;
  /** PDFs only. */
  pages?: number;
  /** Images only: what it was drawn from, and the turn whose reply shows it. */
  prompt?: string;
  turnId?: string;
  businessId: string;
  url: string;
  createdAt: string;
};

export type AttachmentDto = { id: string; kind: 'image'; contentType: string; url: string; prompt: string };

export const fileUrl = (id: string) => `/api/files/${id}`;

export function toFileDto(row: FileInfo): FileDto {
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType,
    kind: row.kind,
    bytes: row.bytes,
    chars: row.chars,
    ...(row.pages === null ? {} : { pages: row.pages }),
    ...(row.prompt === null ? {} : { prompt: row.prompt }),
    ...(row.turnId === null ? {} : { turnId: row.turnId }),
    businessId: row.businessId,
    url: fileUrl(row.id),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAttachmentDto(row: Pick<FileInfo, 'id' | 'contentType' | 'prompt'>): AttachmentDto {
  return { id: row.id, kind: 'image', contentType: row.contentType, url: fileUrl(row.id), prompt: row.prompt ?? '' };
}

// A business's documents in its export: each with every version, contents included.
import type { Db } from '../../db/client.ts';
import { listDocuments, listVersionsWithContent } from '../../db/queries/documents.ts';
import { type DocumentDto, toDocumentDto, toVersionDto, type VersionDto } from './document-dto.ts';

export type DocumentExport = DocumentDto & { versions: (VersionDto & { content: string })[] };

export async function exportDocuments(db: Db, businessId: string): Promise<DocumentExport[]> {
  const documents: DocumentExport[] = [];
  // One at a time, like the conversations: an export must not take every pooled connection.
  for (const doc of await listDocuments(db, businessId)) {
    const versions = await listVersionsWithContent(db, doc.id);
    documents.push({ ...toDocumentDto(doc), versions: versions.map((v) => ({ ...toVersionDto(v), content: v.content })) });
  }
  return documents;
}

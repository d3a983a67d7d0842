// Writing documents, for experts' tools and the owner's API alike: checked first (nothing is
// stored on a refusal), each write a new version, an edit only on top of the version it began from.
import type { Db } from '../../db/client.ts';
import {
  addVersion,
  createDocument,
  type DocumentAuthor,
  findDocument,
  findDocumentByTitle,
  findVersion,
  type NewVersion,
} from '../../db/queries/documents.ts';
import type { DocumentRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';
import { checkContent, checkTitle, type DocumentKind } from './check-document.ts';
import { documentPassages } from './document-passages.ts';

export async function writeDocument(
  db: Db,
  doc: { businessId: string; title: string; kind: DocumentKind; content: string; author: DocumentAuthor },
): Promise<DocumentRow> {
  const title = checkTitle(doc.title);
  checkContent(doc.kind, doc.content);
  const row = await createDocument(db, { ...doc, title }, documentPassages(doc.kind, title, doc.content));
  if (row !== 'title-taken') return row;
  const existing = await findDocumentByTitle(db, doc.businessId, title);
  throw new DomainError('DOCUMENT_INVALID', {
    message: `title: this business already has a document called "${existing?.title ?? title}"${existing ? ` (id ${existing.id}, version ${existing.version})` : ''}; update that one, or choose another title`,
  });
}

export async function reviseDocument(db: Db, edit: NewVersion): Promise<DocumentRow> {
  const current = await findDocument(db, edit.businessId, edit.documentId);
  if (!current) throw new DomainError('DOCUMENT_NOT_FOUND');
  checkContent(current.kind, edit.content);
  const result = await addVersion(db, edit, documentPassages(current.kind, current.title, edit.content));
  if (result.kind === 'missing') throw new DomainError('DOCUMENT_NOT_FOUND');
  if (result.kind === 'stale') throw new DomainError('DOCUMENT_STALE', { data: { version: result.version } });
  return result.document;
}

/** An old version's content as the newest version: nothing in between is lost. */
export async function restoreDocument(
  db: Db,
  restore: { businessId: string; documentId: string; version: number; baseVersion: number; author: DocumentAuthor },
): Promise<DocumentRow> {
  const current = await findDocument(db, restore.businessId, restore.documentId);
  if (!current) throw new DomainError('DOCUMENT_NOT_FOUND');
  const old = await findVersion(db, current.id, restore.version);
  if (!old) throw new DomainError('DOCUMENT_VERSION_NOT_FOUND');
  const { version, ...edit } = restore;
  return reviseDocument(db, { ...edit, content: old.content, note: `Restored version ${version}` });
}

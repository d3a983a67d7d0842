// documents.*: the owner reads, edits, restores, deletes and exports the business's documents.
// An edit names the version it began from; a stale one is refused (CONFLICT) instead of overwriting.
import type { TRPCRouterRecord } from '@trpc/server';
import type { Db } from '../../db/client.ts';
import { deleteDocument, findDocument, findVersion, listDocuments, listVersions } from '../../db/queries/documents.ts';
import { resolveBusiness } from '../business/resolve-business.ts';
import { toDocumentDetailDto, toDocumentDto } from '../documents/document-dto.ts';
import { restoreDocument, reviseDocument } from '../documents/document-store.ts';
import { exportDocument } from '../documents/export-document.ts';
import { DomainError } from '../errors.ts';
import { publicProcedure } from '../trpc.ts';
import {
  deleteDocumentInput,
  exportDocumentInput,
  getDocumentInput,
  listDocumentsInput,
  restoreDocumentInput,
  updateDocumentInput,
} from './document-inputs.ts';

const OWNER = { kind: 'user' } as const;

async function documentOf(db: Db, input: { businessId?: string; documentId: string }) {
  const business = await resolveBusiness(db, input.businessId);
  const doc = await findDocument(db, business.id, input.documentId);
  if (!doc) throw new DomainError('DOCUMENT_NOT_FOUND');
  return doc;
}

async function detail(db: Db, doc: Awaited<ReturnType<typeof documentOf>>, version?: number) {
  const shown = version === undefined || version === doc.version ? { version: doc.version, text: doc.content } : undefined;
  const old = shown ? undefined : await findVersion(db, doc.id, version!);
  if (!shown && !old) throw new DomainError('DOCUMENT_VERSION_NOT_FOUND');
  return toDocumentDetailDto(doc, shown ?? { version: old!.version, text: old!.content }, await listVersions(db, doc.id));
}

export const documentsRouter = {
  /** Most recently updated first, without contents. */
  list: publicProcedure.input(listDocumentsInput).query(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    return { items: (await listDocuments(ctx.chat.db, business.id)).map(toDocumentDto) };
  }),

  get: publicProcedure.input(getDocumentInput).query(async ({ ctx, input }) => {
    return detail(ctx.chat.db, await documentOf(ctx.chat.db, input), input.version);
  }),

  update: publicProcedure.input(updateDocumentInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.chat;
    const business = await resolveBusiness(db, input.businessId);
    const saved = await reviseDocument(db, { ...input, businessId: business.id, author: OWNER });
    return detail(db, saved);
  }),

  /** An old version's content as a new version (nothing in between is lost). */
  restore: publicProcedure.input(restoreDocumentInput).mutation(async ({ ctx, input }) => {
    const { db } = ctx.chat;
    const business = await resolveBusiness(db, input.businessId);
    return detail(db, await restoreDocument(db, { ...input, businessId: business.id, author: OWNER }));
  }),

  delete: publicProcedure.input(deleteDocumentInput).mutation(async ({ ctx, input }) => {
    const business = await resolveBusiness(ctx.chat.db, input.businessId);
    if (!(await deleteDocument(ctx.chat.db, business.id, input.documentId))) throw new DomainError('DOCUMENT_NOT_FOUND');
    return { documentId: input.documentId };
  }),

  export: publicProcedure.input(exportDocumentInput).query(async ({ ctx, input }) => {
    return exportDocument(await documentOf(ctx.chat.db, input), input.format);
  }),
} satisfies TRPCRouterRecord;

// documents.* inputs. Every call names its business (or means the default one): a document id of
// another business is unknown here.
import { z } from 'zod';
import { businessId, storable, storableMessage } from './inputs.ts';

const documentId = z.uuid({ message: 'must be a document id (a UUID), as listed by documents.list' });
const version = z
  .number({ message: 'must be a version number, as listed by documents.get' })
  .int({ message: 'must be a whole number' })
  .min(1, { message: 'must be 1 or more' })
  .max(2_147_483_647, { message: 'is not a version of this document' });
const scope = { businessId: businessId.optional() };

export const listDocumentsInput = z.object(scope).default({});
export const getDocumentInput = z.object({ ...scope, documentId, version: version.optional() });
export const deleteDocumentInput = z.object({ ...scope, documentId });
export const updateDocumentInput = z.object({
  ...scope,
  documentId,
  content: z.string({ message: 'must be the whole new content of the document' }).refine(storable, storableMessage),
  baseVersion: version,
  note: z.string().max(200, { message: 'must be at most 200 characters' }).refine(storable, storableMessage).optional(),
});
export const restoreDocumentInput = z.object({ ...scope, documentId, version, baseVersion: version });
export const exportDocumentInput = z.object({
  ...scope,
  documentId,
  format: z.enum(['markdown', 'csv'], { message: 'must be markdown or csv' }),
});

// The documents one turn's experts see (TurnContext.documents): its business's, written with the
// turn as their author. Every refusal is a sentence the model can act on; an id from another
// business is as unknown as one that never existed.
import type { Db } from '../../db/client.ts';
import { findDocument, searchDocuments } from '../../db/queries/documents.ts';
import type { TurnDocuments } from '../agents/turn-context.ts';
import { DomainError } from '../errors.ts';
import { reviseDocument, writeDocument } from './document-store.ts';

/** A model looping on the tools stops here; a turn rarely needs more than a couple. */
export const MAX_DOCUMENT_WRITES_PER_TURN = 10;
const SEARCH_LIMIT = 5;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function turnDocuments(db: Db, turn: { businessId: string; conversationId: string; turnId: string }): TurnDocuments {
  const { businessId } = turn;
  const author = (agent: string) => ({ kind: 'agent' as const, agent, conversationId: turn.conversationId, turnId: turn.turnId });
  let writes = 0;
  const count = () => {
    if (writes >= MAX_DOCUMENT_WRITES_PER_TURN)
      throw new Error(`a turn may write at most ${MAX_DOCUMENT_WRITES_PER_TURN} documents`);
    writes += 1;
  };
  const unknown = (id: string) =>
    new Error(
      `no document of this business has the id "${id.slice(0, 40)}"; use an id from the documents list, or write_document for a new one`,
    );
  // A domain refusal (too big, a bad table, a taken title) is already a sentence; anything else propagates.
  const sentence = (error: unknown) => (error instanceof DomainError ? new Error(error.message) : error);

  return {
    async write(agent, doc) {
      count();
      const row = await writeDocument(db, { ...doc, businessId, author: author(agent) }).catch((error) => {
        throw sentence(error);
      });
      return { documentId: row.id, title: row.title, kind: row.kind, version: row.version, agent };
    },
    async update(agent, { documentId, content, note }) {
      const id = documentId.trim();
      if (!UUID.test(id)) throw unknown(id);
      count();
      const row = await reviseDocument(db, { businessId, documentId: id, content, note, author: author(agent) }).catch(
        (error) => {
          throw error instanceof DomainError && error.code === 'DOCUMENT_NOT_FOUND' ? unknown(id) : sentence(error);
        },
      );
      return { documentId: row.id, title: row.title, kind: row.kind, version: row.version, agent };
    },
    async read(documentId) {
      const id = documentId.trim();
      const row = UUID.test(id) ? await findDocument(db, businessId, id) : undefined;
      if (!row) throw unknown(id);
      return {
        documentId: row.id,
        title: row.title,
        kind: row.kind,
        version: row.version,
        updatedAt: row.updatedAt.toISOString(),
        content: row.content,
      };
    },
    async search(query) {
      const hits = await searchDocuments(db, { query, businessId, limit: SEARCH_LIMIT });
      return hits.map(({ documentId, title, text }) => ({ documentId, title, text }));
    },
  };
}

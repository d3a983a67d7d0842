// Documents of a business and their versions. Every read and write names the business, so an id
// from another business finds nothing. A new version is written with the document in one
// transaction, and only on top of the version it was made from.
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';
import { conversations, type DocumentRow, documentPassages, documents, documentVersions, turns } from '../schema.ts';
import { anyWordQuery } from './any-word-query.ts';
import { defaultBusinessId } from './businesses.ts';

/** Who wrote a version: an expert during a turn, or the owner. */
export type DocumentAuthor =
  | { kind: 'agent'; agent: string; conversationId: string | null; turnId: string | null }
  | { kind: 'user' };

export type DocumentInfo = Omit<DocumentRow, 'content'>;
export type VersionInfo = { version: number; author: DocumentAuthor; note: string | null; createdAt: Date };
export type VersionRow = VersionInfo & { content: string };
/** The text of the new content, cut into passages for search (server/documents/document-passages.ts). */
type Passages = readonly string[];

const info = {
  id: documents.id,
  businessId: documents.businessId,
  title: documents.title,
  kind: documents.kind,
  version: documents.version,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
};

const versionColumns = {
  version: documentVersions.version,
  content: documentVersions.content,
  authorKind: documentVersions.authorKind,
  agent: documentVersions.agent,
  conversationId: documentVersions.conversationId,
  turnId: documentVersions.turnId,
  note: documentVersions.note,
  createdAt: documentVersions.createdAt,
};

function authorColumns(author: DocumentAuthor) {
  return author.kind === 'agent'
    ? { authorKind: 'agent' as const, agent: author.agent, conversationId: author.conversationId, turnId: author.turnId }
    : { authorKind: 'user' as const, agent: null, conversationId: null, turnId: null };
}

function authorOf(row: {
  authorKind: 'agent' | 'user';
  agent: string | null;
  conversationId: string | null;
  turnId: string | null;
}) {
  return row.authorKind === 'user'
    ? ({ kind: 'user' } as const)
    : ({ kind: 'agent', agent: row.agent ?? '', conversationId: row.conversationId, turnId: row.turnId } as const);
}

const ofBusiness = (businessId: string, documentId: string) =>
  and(eq(documents.id, documentId), eq(documents.businessId, businessId));

/** Most recently updated first. */
export async function listDocuments(db: Db, businessId: string | SQL, limit?: number): Promise<DocumentInfo[]> {
  const query = db
    .select(info)
    .from(documents)
    .where(eq(documents.businessId, businessId))
    .orderBy(desc(documents.updatedAt), desc(documents.id));
  return limit === undefined ? query : query.limit(limit);
}

/** listDocuments for a business (null: the default one) or for the one a conversation belongs to. */
export async function listDocumentsOf(
  db: Db,
  of: { businessId: string | null } | { conversationId: string },
  limit: number,
): Promise<DocumentInfo[]> {
  const business =
    'conversationId' in of
      ? sql`(select c.business_id from ${conversations} c where c.id = ${of.conversationId}::uuid)`
      : (of.businessId ?? defaultBusinessId);
  return listDocuments(db, business, limit);
}

export async function findDocument(db: Db, businessId: string, documentId: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(ofBusiness(businessId, documentId));
  return row;
}

/** Titles are unique per business whatever their case (documents_title_index). */
export async function findDocumentByTitle(db: Db, businessId: string, title: string): Promise<DocumentInfo | undefined> {
  const [row] = await db
    .select(info)
    .from(documents)
    .where(and(eq(documents.businessId, businessId), sql`lower(${documents.title}) = lower(${title})`));
  return row;
}

/** Oldest first, without their contents. */
export async function listVersions(db: Db, documentId: string): Promise<VersionInfo[]> {
  const { content: _content, ...columns } = versionColumns;
  const rows = await db
    .select(columns)
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(documentVersions.version);
  return rows.map((row) => ({ version: row.version, author: authorOf(row), note: row.note, createdAt: row.createdAt }));
}

/** Oldest first, contents included: the business export. */
export async function listVersionsWithContent(db: Db, documentId: string): Promise<VersionRow[]> {
  const rows = await db
    .select(versionColumns)
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(documentVersions.version);
  return rows.map((row) => ({
    version: row.version,
    content: row.content,
    author: authorOf(row),
    note: row.note,
    createdAt: row.createdAt,
  }));
}

export async function findVersion(db: Db, documentId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select(versionColumns)
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
  return row && { version: row.version, content: row.content, author: authorOf(row), note: row.note, createdAt: row.createdAt };
}

async function replacePassages(tx: Db, documentId: string, passages: Passages) {
  await tx.delete(documentPassages).where(eq(documentPassages.documentId, documentId));
  // In batches: one statement's parameters are capped (65,535).
  for (let at = 0; at < passages.length; at += 500) {
    const batch = passages.slice(at, at + 500).map((text, i) => ({ documentId, n: at + i, text }));
    await tx.insert(documentPassages).values(batch);
  }
}

export type NewDocument = Pick<DocumentRow, 'businessId' | 'title' | 'kind' | 'content'> & { author: DocumentAuthor };

/** Version 1 with its passages, or 'title-taken' when the business has a document of that title. */
export async function createDocument(db: Db, doc: NewDocument, passages: Passages): Promise<DocumentRow | 'title-taken'> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(documents)
        .values({ businessId: doc.businessId, title: doc.title, kind: doc.kind, content: doc.content, version: 1 })
        .returning();
      await tx
        .insert(documentVersions)
        .values({ documentId: row!.id, version: 1, content: doc.content, ...authorColumns(doc.author) });
      await replacePassages(tx, row!.id, passages);
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'title-taken';
    throw error;
  }
}

export type NewVersion = {
  businessId: string;
  documentId: string;
  content: string;
  author: DocumentAuthor;
  note?: string | null;
  /** The version the edit started from; undefined writes on top of whatever is current. */
  baseVersion?: number;
};

export type VersionResult = { kind: 'saved'; document: DocumentRow } | { kind: 'stale'; version: number } | { kind: 'missing' };

export async function addVersion(db: Db, edit: NewVersion, passages: Passages): Promise<VersionResult> {
  return db.transaction(async (tx) => {
    // The row lock of the update orders concurrent edits: the second re-reads the version and misses.
    const [row] = await tx
      .update(documents)
      .set({ content: edit.content, version: sql`${documents.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(
          ofBusiness(edit.businessId, edit.documentId),
          edit.baseVersion === undefined ? undefined : eq(documents.version, edit.baseVersion),
        ),
      )
      .returning();
    if (!row) {
      const [current] = await tx
        .select({ version: documents.version })
        .from(documents)
        .where(ofBusiness(edit.businessId, edit.documentId));
      return current ? { kind: 'stale', version: current.version } : { kind: 'missing' };
    }
    await tx.insert(documentVersions).values({
      documentId: row.id,
      version: row.version,
      content: edit.content,
      note: edit.note ?? null,
      ...authorColumns(edit.author),
    });
    await replacePassages(tx, row.id, passages);
    return { kind: 'saved', document: row };
  });
}

export async function deleteDocument(db: Db, businessId: string, documentId: string): Promise<boolean> {
  const deleted = await db.delete(documents).where(ofBusiness(businessId, documentId)).returning({ id: documents.id });
  return deleted.length > 0;
}

export type WrittenDocument = {
  turnId: string;
  documentId: string;
  title: string;
  kind: DocumentRow['kind'];
  version: number;
  agent: string;
};

/** The versions these turns wrote, oldest first: the cards under their replies. */
export async function documentsOfTurns(db: Db, turnIds: string[]): Promise<WrittenDocument[]> {
  if (!turnIds.length) return [];
  const rows = await db
    .select({
      turnId: documentVersions.turnId,
      documentId: documents.id,
      title: documents.title,
      kind: documents.kind,
      version: documentVersions.version,
      agent: documentVersions.agent,
    })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(inArray(documentVersions.turnId, turnIds))
    .orderBy(documentVersions.createdAt, documentVersions.version);
  return rows.map((row) => ({ ...row, turnId: row.turnId ?? '', agent: row.agent ?? '' }));
}

export type DocumentHit = { documentId: string; title: string; text: string; rank: number };

/** Full-text search over the current versions' passages, best first; any of the words may match. */
export async function searchDocuments(
  db: Db,
  params: { query: string; businessId: string; limit: number },
): Promise<DocumentHit[]> {
  const query = anyWordQuery(params.query);
  if (!query) return [];
  const rank = sql<number>`ts_rank_cd(${documentPassages.search}, ${query})`;
  return db
    .select({ documentId: documents.id, title: documents.title, text: documentPassages.text, rank })
    .from(documentPassages)
    .innerJoin(documents, eq(documents.id, documentPassages.documentId))
    .where(and(sql`${documentPassages.search} @@ ${query}`, eq(documents.businessId, params.businessId)))
    .orderBy(desc(rank), documentPassages.documentId, documentPassages.n)
    .limit(params.limit);
}

/**
 * Conversation search's second source: a conversation matches when one of its turns wrote a
 * version of a document whose current text matches `query`, ranked like a message.
 */
export function documentConversationHits(db: Db, query: SQL) {
  return db
    .selectDistinct({
      conversationId: turns.conversationId,
      rank: sql<number>`ts_rank(${documentPassages.search}, ${query})::float8`.as('rank'),
    })
    .from(documentPassages)
    .innerJoin(documentVersions, eq(documentVersions.documentId, documentPassages.documentId))
    .innerJoin(turns, eq(turns.id, documentVersions.turnId))
    .where(sql`${documentPassages.search} @@ ${query}`);
}

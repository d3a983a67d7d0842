// The whole data model: one schema served by both node-postgres and PGlite.
import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { type AgentUsage, type Consult, type Handoff, ROUTES, type ToolRun } from '../shared/turn-record.ts';

/** Full-text search document; written by Postgres (generated column), read only in SQL. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The text-search configuration of message search: English stemming ("candles" finds "candle"). */
export const SEARCH_CONFIG = 'english';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// A venture the owner runs; one is the default (exactly one row has is_default, made by the
// migration), so a conversation started without naming a business still belongs to one.
export const businesses = pgTable(
  'businesses',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('businesses_one_default').on(t.isDefault).where(sql`${t.isDefault}`)],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id),
    title: text().notNull(),
    summary: text().notNull().default(''),
    summaryTokens: integer().notNull().default(0),
    summaryThrough: uuid(),
    // The seq of summary_through, so memory reads start right after it without a join.
    summaryThroughSeq: bigint({ mode: 'number' }).notNull().default(0),
    memoryFrom: timestamptz('memory_from'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index().on(t.updatedAt.desc(), t.id), index().on(t.businessId, t.updatedAt.desc(), t.id)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Insertion order: created_at can tie within one transaction, seq never does.
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    turnId: uuid(),
    role: text({ enum: ['user', 'assistant'] }).notNull(),
    content: text().notNull(),
    agent: text(),
    tokens: integer().notNull(),
    clientMessageId: text(),
    /** A reply whose turn was cancelled: the text streamed until Stop. */
    stopped: boolean().notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    search: tsvector().generatedAlwaysAs((): SQL => sql`to_tsvector(${sql.raw(`'${SEARCH_CONFIG}'`)}, ${messages.content})`),
  },
  (t) => [
    index().on(t.conversationId, t.seq),
    index('messages_search_index').using('gin', t.search),
    index().on(t.clientMessageId),
    uniqueIndex().on(t.conversationId, t.clientMessageId).where(sql`${t.clientMessageId} is not null`),
  ],
);

export const turns = pgTable(
  'turns',
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userMessageId: uuid()
      .notNull()
      .references(() => messages.id),
    status: text({ enum: ['running', 'completed', 'failed', 'cancelled'] }).notNull(),
    // The fencing token of a run: a retry reruns the same turn as attempt + 1, so a late write from
    // an earlier run (one that lost its lock) can never land on the new one.
    attempt: integer().notNull().default(1),
    agents: text().array().notNull().default(sql`'{}'::text[]`),
    handoffs: jsonb().$type<Handoff[]>().notNull().default([]),
    route: text({ enum: ROUTES }).notNull().default('handoff'),
    tools: jsonb().$type<ToolRun[]>().notNull().default([]),
    agentUsage: jsonb().$type<AgentUsage[]>().notNull().default([]),
    consults: jsonb().$type<Consult[]>().notNull().default([]),
    inputTokens: integer().notNull().default(0),
    // Of input_tokens, those served from the API's prompt cache (cheaper).
    cachedInputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    memoryTokens: integer().notNull().default(0),
    latencyMs: integer(),
    model: text(),
    errorCode: text(),
    errorMessage: text(),
    /** The user's correction of the route: the expert that should have answered (chat.flagRouting). */
    flaggedExpert: text(),
    flaggedAt: timestamptz('flagged_at'),
    /** Set by chat.cancel on any instance; the one running the turn stops it (kept so a missed NOTIFY is not a lost cancel). */
    cancelRequestedAt: timestamptz('cancel_requested_at'),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index().on(t.conversationId, t.startedAt),
    // Only running turns are ever looked up by status (recovery, one per conversation at most):
    // a partial index stays tiny instead of indexing every finished turn.
    index('turns_running_index').on(t.conversationId).where(sql`${t.status} = 'running'`),
    // The agent view reads one agent's turns newest first across every conversation.
    index().on(t.startedAt.desc(), t.id),
    index('turns_flagged_index').on(t.flaggedAt).where(sql`${t.flaggedAt} is not null`),
  ],
);

// node-postgres reads bytea as a Buffer, PGlite as a Uint8Array: rows always carry a Buffer.
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/** Uploaded documents and generated images, bytes included: one store, one backup. */
export const files = pgTable(
  'files',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    contentType: text().notNull(),
    kind: text({ enum: ['upload', 'image'] }).notNull(),
    bytes: integer().notNull(),
    content: bytea().notNull(),
    /** Images: the turn that drew it (its reply shows it) and the prompt it was drawn from. */
    turnId: uuid().references(() => turns.id, { onDelete: 'cascade' }),
    prompt: text(),
    chars: integer().notNull().default(0),
    pages: integer(),
    /** False while an upload's passages are still being written: nobody sees it until it is whole. */
    ready: boolean().notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index().on(t.businessId, t.createdAt), index().on(t.turnId)],
);

/** An upload's text in searchable passages: a page of a PDF, a run of CSV rows, a section of text. */
export const filePassages = pgTable(
  'file_passages',
  {
    fileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    n: integer().notNull(),
    /** Where in the file: "page 3", "rows 2–41", "lines 1–30". */
    location: text().notNull(),
    text: text().notNull(),
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('english', text)`),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.n] }), index('file_passages_search_index').using('gin', t.search)],
);

// What Switchboard keeps about a business, with who wrote it: an expert in a turn (source_kind
// 'agent') or the owner ('user'). Forgotten facts stay as rows but never reach a model again.
export const facts = pgTable(
  'facts',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    sourceKind: text({ enum: ['agent', 'user'] }).notNull(),
    agent: text(),
    // Provenance outlives a deleted conversation as "taught by <agent>", without the link.
    conversationId: uuid().references(() => conversations.id, { onDelete: 'set null' }),
    turnId: uuid().references(() => turns.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    forgottenAt: timestamptz('forgotten_at'),
  },
  (t) => [
    index('facts_current_index').on(t.businessId, t.updatedAt.desc()).where(sql`${t.forgottenAt} is null`),
    index().on(t.turnId),
  ],
);

export type BusinessRow = typeof businesses.$inferSelect;
export type FactRow = typeof facts.$inferSelect;

/**
 * What a running turn has produced so far, in order, so a watcher on another instance can replay
 * it before following the live events (NOTIFY carries only the turn id). Written only for turns
 * such a watcher asked for. Unlogged (migration 0002) and with no foreign key: a key check would
 * lock the turn's row on every batch, and that lock is WAL-logged, so each batch would wait for a
 * disk flush and the turn's own update for the lock. The turn's end is stored in turns and
 * messages; the sweep removes the events of turns that ended a while ago or no longer exist.
 */
export const turnEvents = pgTable(
  'turn_events',
  {
    turnId: uuid().notNull(),
    seq: integer().notNull(),
    event: jsonb().notNull(),
  },
  (t) => [primaryKey({ columns: [t.turnId, t.seq] })],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = Omit<typeof messages.$inferSelect, 'search'>;
export type TurnRow = typeof turns.$inferSelect;
export type FileRow = typeof files.$inferSelect;

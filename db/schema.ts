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
import type { ReadSource } from '../shared/read-source.ts';
import { type AgentUsage, type Approval, type Consult, type Handoff, ROUTES, type ToolRun } from '../shared/turn-record.ts';

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

export const TURN_STATUSES = ['running', 'awaiting_approval', 'completed', 'failed', 'cancelled'] as const;

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
    status: text({ enum: TURN_STATUSES }).notNull(),
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
    /** A paused run (awaiting_approval): the SDK's RunState.toString(), resumed by chat.approve on any instance. */
    runState: text(),
    /** The calls a paused run waits on, and each one's decision (kept with the run: see server/approvals/). */
    approvals: jsonb().$type<Approval[]>().notNull().default([]),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index().on(t.conversationId, t.startedAt),
    index('turns_awaiting_index').on(t.startedAt).where(sql`${t.status} = 'awaiting_approval'`),
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

/** Uploaded documents and generated images; their bytes are in `file_chunks`: one store, one backup. */
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

/**
 * A file's bytes in order, a bounded slice a row: no statement carries a whole file. On PGlite an
 * 18 MB value in one statement grew the database's memory by 84 MB for good (WebAssembly memory
 * never shrinks); slices this size leave it as it was.
 */
export const fileChunks = pgTable(
  'file_chunks',
  {
    fileId: uuid()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    bytes: bytea().notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
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

/** A fact's text and who wrote it: the fact now, and each of its earlier versions. */
const factContent = () => ({
  text: text().notNull(),
  sourceKind: text({ enum: ['agent', 'user'] }).notNull(),
  agent: text(),
  // Provenance outlives a deleted conversation as "taught by <agent>", without the link.
  conversationId: uuid().references(() => conversations.id, { onDelete: 'set null' }),
  turnId: uuid().references(() => turns.id, { onDelete: 'set null' }),
  /** Untrusted content the writing turn had read before it wrote this text (files, web results). */
  learnedFrom: jsonb().$type<ReadSource[]>().notNull().default([]),
  /** The owner accepted a model's proposed text: from then on it is theirs to change, like their own. */
  confirmedAt: timestamptz('confirmed_at'),
});

// What Switchboard keeps about a business, with who wrote it: an expert in a turn (source_kind
// 'agent') or the owner ('user'). Forgotten facts stay as rows but never reach a model again.
export const facts = pgTable(
  'facts',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    ...factContent(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    forgottenAt: timestamptz('forgotten_at'),
  },
  (t) => [
    index('facts_current_index').on(t.businessId, t.updatedAt.desc()).where(sql`${t.forgottenAt} is null`),
    index().on(t.turnId),
  ],
);

// A fact's earlier texts: each row is one version as it stood until `replaced_at`, with its writer.
export const factVersions = pgTable(
  'fact_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    factId: uuid()
      .notNull()
      .references(() => facts.id, { onDelete: 'cascade' }),
    ...factContent(),
    writtenAt: timestamptz('written_at').notNull(),
    replacedAt: timestamptz('replaced_at').notNull().defaultNow(),
  },
  (t) => [index().on(t.factId, t.replacedAt.desc())],
);

// A model's change to a fact the owner wrote or confirmed: it waits here until the owner accepts
// or dismisses it; the fact keeps its text meanwhile.
export const factProposals = pgTable(
  'fact_proposals',
  {
    id: uuid().primaryKey().defaultRandom(),
    factId: uuid()
      .notNull()
      .references(() => facts.id, { onDelete: 'cascade' }),
    text: text().notNull(),
    agent: text().notNull(),
    conversationId: uuid().references(() => conversations.id, { onDelete: 'set null' }),
    turnId: uuid().references(() => turns.id, { onDelete: 'set null' }),
    learnedFrom: jsonb().$type<ReadSource[]>().notNull().default([]),
    status: text({ enum: ['pending', 'accepted', 'dismissed'] })
      .notNull()
      .default('pending'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    decidedAt: timestamptz('decided_at'),
  },
  (t) => [index('fact_proposals_pending_index').on(t.factId).where(sql`${t.status} = 'pending'`)],
);

/** What the experts write for a business (a plan, a price list), and the owner edits; every version kept. */
export const documents = pgTable(
  'documents',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    kind: text({ enum: ['markdown', 'table'] }).notNull(),
    /** The current version's content (a table: one GFM table). */
    content: text().notNull(),
    version: integer().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  // One title per business: "update the production plan" must name one document, never two.
  (t) => [
    uniqueIndex('documents_title_index').on(t.businessId, sql`lower(${t.title})`),
    index().on(t.businessId, t.updatedAt.desc()),
  ],
);

/** Every version of a document with its author: an expert in a turn ('agent') or the owner ('user'). */
export const documentVersions = pgTable(
  'document_versions',
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    content: text().notNull(),
    authorKind: text({ enum: ['agent', 'user'] }).notNull(),
    agent: text(),
    // Provenance outlives a deleted conversation as "by <agent>", without the link.
    conversationId: uuid().references(() => conversations.id, { onDelete: 'set null' }),
    turnId: uuid().references(() => turns.id, { onDelete: 'set null' }),
    note: text(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.version] }), index().on(t.turnId)],
);

/** The current version's text in searchable passages (search_files, conversation search). */
export const documentPassages = pgTable(
  'document_passages',
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    n: integer().notNull(),
    text: text().notNull(),
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('english', text)`),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.n] }), index('document_passages_search_index').using('gin', t.search)],
);

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentVersionRow = typeof documentVersions.$inferSelect;

/**
 * MCP servers added through the API (remote, Streamable HTTP only), bound to one business. Servers
 * of SWITCHBOARD_MCP_CONFIG live in that file, never here.
 */
export const connections = pgTable(
  'connections',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    url: text().notNull(),
    /** Secrets (Authorization…): sent to the server, never returned by the API. */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    experts: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.businessId, t.name)],
);

/** The owner's "always allow" for one tool of one server, per business (revocable). */
export const toolAllowances = pgTable(
  'tool_allowances',
  {
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    server: text().notNull(),
    tool: text().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.server, t.tool] })],
);

export type ConnectionRow = typeof connections.$inferSelect;
export type BusinessRow = typeof businesses.$inferSelect;
export type FactRow = typeof facts.$inferSelect;
export type FactVersionRow = typeof factVersions.$inferSelect;
export type FactProposalRow = typeof factProposals.$inferSelect;

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

/**
 * A prompt on a schedule for one business (server/routines/). Each run is a turn in the routine's
 * own conversation; the job engine (pg-boss) holds the schedule itself, keyed by the routine's id.
 */
export const routines = pgTable(
  'routines',
  {
    id: uuid().primaryKey().defaultRandom(),
    businessId: uuid()
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    // Deleting the conversation takes its routine along: a routine without one has nowhere to run.
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    prompt: text().notNull(),
    cron: text().notNull(),
    timezone: text().notNull(),
    /** The expert that answers every run; null lets the Orchestrator route each one. */
    expert: text(),
    enabled: boolean().notNull().default(true),
    webhook: text(),
    /** Since when its slots are owed: created or last resumed (slots before, or while paused, are not run). */
    activeFrom: timestamptz('active_from').notNull().defaultNow(),
    /** When the owner last opened the conversation: runs settled after it are unread. */
    readAt: timestamptz('read_at').notNull().defaultNow(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index().on(t.businessId, t.createdAt), uniqueIndex().on(t.conversationId)],
);

/**
 * One run of a routine. `scheduledFor` is the slot it answers (null for a run started by hand); the
 * unique index is what makes a slot run once, whatever the job engine hands out twice.
 */
export const routineRuns = pgTable(
  'routine_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    routineId: uuid()
      .notNull()
      .references(() => routines.id, { onDelete: 'cascade' }),
    /** Null until the run's turn is opened (it may wait for the conversation's lock). */
    turnId: uuid().references(() => turns.id, { onDelete: 'cascade' }),
    scheduledFor: timestamptz('scheduled_for'),
    /** The job that runs it: its retries find the run (and its turn) again. */
    jobId: text(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex().on(t.routineId, t.scheduledFor),
    index().on(t.routineId, t.createdAt.desc()),
    index().on(t.jobId),
    index().on(t.turnId),
  ],
);

export type RoutineRow = typeof routines.$inferSelect;
export type RoutineRunRow = typeof routineRuns.$inferSelect;

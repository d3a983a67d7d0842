// The whole data model: one schema served by both node-postgres and PGlite.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import type { AgentUsage, Consult, Handoff, ToolRun } from '../shared/turn-record.ts';


const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const conversations = pgTable(
  'conversations',
  {
    id: uuid().primaryKey().defaultRandom(),
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
  (t) => [index().on(t.updatedAt.desc(), t.id)],
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
  },
  (t) => [
    index().on(t.conversationId, t.seq),
    index().on(t.clientMessageId),
    uniqueIndex()
      .on(t.conversationId, t.clientMessageId)
      .where(sql`${t.clientMessageId} is not null`),
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
    agents: text().array().notNull().default(sql`'{}'::text[]`),
    handoffs: jsonb().$type<Handoff[]>().notNull().default([]),
    tools: jsonb().$type<ToolRun[]>().notNull().default([]),
    agentUsage: jsonb().$type<AgentUsage[]>().notNull().default([]),
    consults: jsonb().$type<Consult[]>().notNull().default([]),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    memoryTokens: integer().notNull().default(0),
    latencyMs: integer(),
    model: text(),
    errorCode: text(),
    errorMessage: text(),
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
  ],
);

/**
 * What a running turn has produced so far, in order, so a watcher on any instance can replay it
 * before following the live events (NOTIFY carries only "turn X has events up to seq N").
 * Rows live as long as the turn runs: its end is stored in turns and messages.
 */
export const turnEvents = pgTable(
  'turn_events',
  {
    turnId: uuid()
      .notNull()
      .references(() => turns.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    event: jsonb().notNull(),
  },
  (t) => [primaryKey({ columns: [t.turnId, t.seq] })],
);

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type TurnRow = typeof turns.$inferSelect;

// The whole data model: one schema served by both node-postgres and PGlite.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AgentUsage, Consult, Handoff, ToolRun } from '../shared/turn-record.ts';


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
    status: text({ enum: ['running', 'completed', 'failed'] }).notNull(),
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
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type TurnRow = typeof turns.$inferSelect;

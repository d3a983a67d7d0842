// Turns written straight through the data layer, as the fencing and lock tests do.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { TurnRecord } from '../../db/queries/turns.ts';
import { messages } from '../../db/schema.ts';

/** A completed turn's record as a scripted run routed to Producing would leave it. */
export const scriptedRecord: TurnRecord = {
  agents: ['Orchestrator', 'Producing'],
  handoffs: [],
  tools: [],
  agentUsage: [],
  consults: [],
  inputTokens: 1,
  cachedInputTokens: 0,
  outputTokens: 1,
  route: 'handoff',
  memoryTokens: 0,
  latencyMs: 1,
  model: 'scripted',
};

/** The assistant messages stored in a conversation. */
export const repliesIn = (database: Database, conversationId: string) =>
  database.db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .then((rows) => rows.filter((m) => m.role === 'assistant'));

// A completed turn in one statement: the reply, the turn's record and the conversation's
// updated_at together, atomically, in one round trip instead of a five-statement transaction.
// Fenced: it applies only while this run still owns the turn (see `stillRunning`), so a run that
// lost its lock can never store a reply next to a turn someone else failed or reran. Prepared,
// like the opening: it runs on every turn.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { preparedFor } from '../prepared.ts';
import { conversations, messages, turns } from '../schema.ts';
import type { NewMessage } from './messages.ts';
import { stillRunning, type TurnRecord, type TurnRun } from './turns.ts';

type Reply = Required<Pick<NewMessage, 'id' | 'conversationId' | 'content' | 'tokens' | 'createdAt'>> & { agent: string };

const param = sql.placeholder;
/**
 * Placeholders skip drizzle's column encoding, and each driver encodes a value by the type the
 * server infers: JSON goes in as text and is cast, so neither driver sees an object or an array.
 */
const jsonParam = (name: string) => sql`${param(name)}::text::jsonb`;

const finishing = preparedFor((db) => {
  const turn = db.$with('turn').as(
    db
      .update(turns)
      .set({
        status: 'completed',
        agents: sql`${param('agents')}::text[]`,
        handoffs: jsonParam('handoffs'),
        route: sql`${param('route')}`,
        tools: jsonParam('tools'),
        agentUsage: jsonParam('agentUsage'),
        consults: jsonParam('consults'),
        inputTokens: sql`${param('inputTokens')}`,
        cachedInputTokens: sql`${param('cachedInputTokens')}`,
        outputTokens: sql`${param('outputTokens')}`,
        memoryTokens: sql`${param('memoryTokens')}`,
        latencyMs: sql`${param('latencyMs')}`,
        model: sql`${param('model')}`,
        finishedAt: sql`${param('finishedAt')}::timestamptz`,
        // A resumed run's state is spent once its turn is answered.
        runState: sql`null`,
      })
      .where(stillRunning({ turnId: param('turnId'), attempt: param('attempt') }))
      .returning({ id: turns.id }),
  );
  const reply = db.$with('reply', {}).as(
    sql`insert into ${messages} (id, conversation_id, turn_id, role, content, agent, tokens, created_at)
      select ${param('replyId')}::uuid, ${param('conversationId')}::uuid, turn.id, 'assistant', ${param('content')}::text,
        ${param('agent')}::text, ${param('tokens')}::int, ${param('createdAt')}::timestamptz
      from turn`,
  );
  // Postgres runs every data-modifying CTE once, whether or not it is read; the reply and the
  // conversation read `turn`, so they are written only when the turn was.
  const conversation = db.$with('conversation').as(
    db
      .update(conversations)
      .set({ updatedAt: sql`${param('finishedAt')}::timestamptz` })
      .where(and(eq(conversations.id, param('conversationId')), sql`exists (select from turn)`))
      .returning({ id: conversations.id }),
  );
  return db.with(turn, reply, conversation).select({ applied: sql<number>`count(*)::int` }).from(turn).prepare('finish_turn');
});

/** False when nothing was written: the run no longer owns the turn. */
export async function finishTurn(
  db: Db,
  params: { reply: Reply; run: TurnRun; record: TurnRecord; finishedAt: Date },
): Promise<boolean> {
  const { reply, run, record, finishedAt } = params;
  const [row] = await finishing(db).execute({
    ...run,
    ...record,
    handoffs: JSON.stringify(record.handoffs),
    tools: JSON.stringify(record.tools),
    agentUsage: JSON.stringify(record.agentUsage),
    consults: JSON.stringify(record.consults),
    finishedAt: finishedAt.toISOString(),
    replyId: reply.id,
    conversationId: reply.conversationId,
    content: reply.content,
    agent: reply.agent,
    tokens: reply.tokens,
    createdAt: reply.createdAt.toISOString(),
  });
  return row!.applied > 0;
}

// A turn's opening writes, one statement each: Postgres runs a statement's data-modifying CTEs
// atomically, so the user's message and its turn (and a new conversation) land together or not
// at all, without BEGIN/COMMIT round trips on the way to the first model call.
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type ConversationRow, conversations, type MessageRow, messages, type TurnRow, turns } from '../schema.ts';
import { messageColumns, type NewMessage } from './messages.ts';

export type TurnFailure = { errorCode: string; errorMessage: string };
export type UserMessage = NewMessage & { id: string; turnId: string; conversationId: string };
export type Opening = { userMessage: MessageRow; turn: TurnRow };

const turnColumns = getTableColumns(turns);
const conversationColumns = getTableColumns(conversations);

/** A CTE's fields in the shape of the columns it returned, for a nested select. */
function fieldsOf<C extends Record<string, unknown>, S>(columns: C, cte: S): { [K in keyof C]: S[K & keyof S] } {
  return Object.fromEntries(Object.keys(columns).map((key) => [key, cte[key as keyof S]])) as never;
}

/**
 * Reads the conversation and fails its turns still marked running, in one round trip. Only
 * under the conversation's lock: a running turn nobody else holds the lock for was interrupted.
 */
export async function settleAndFindConversation(
  db: Db,
  conversationId: string,
  failure: TurnFailure,
): Promise<ConversationRow | undefined> {
  const settled = db.$with('settled').as(
    db
      .update(turns)
      .set({ ...failure, status: 'failed', finishedAt: sql`now()` })
      .where(and(eq(turns.conversationId, conversationId), eq(turns.status, 'running')))
      .returning({ id: turns.id }),
  );
  const [row] = await db.with(settled).select().from(conversations).where(eq(conversations.id, conversationId));
  return row;
}

function openingCtes(db: Db, message: UserMessage) {
  const userMessage = db.$with('user_message').as(db.insert(messages).values(message).returning(messageColumns));
  const turn = db
    .$with('opened_turn')
    .as(
      db
        .insert(turns)
        .values({ id: message.turnId, conversationId: message.conversationId, userMessageId: message.id, status: 'running' })
        .returning(),
    );
  return { userMessage, turn };
}

/** The user's message and its running turn, in an existing conversation. */
export async function insertOpening(db: Db, message: UserMessage): Promise<Opening> {
  const { userMessage, turn } = openingCtes(db, message);
  const [row] = await db
    .with(userMessage, turn)
    .select({ userMessage: fieldsOf(messageColumns, userMessage), turn: fieldsOf(turnColumns, turn) })
    .from(userMessage)
    .crossJoin(turn);
  return row!;
}

/** A new conversation (in the default business unless one is named), its first message and turn. */
export async function insertOpeningWithConversation(
  db: Db,
  conversation: { id: string; title: string; businessId?: string },
  message: UserMessage,
): Promise<Opening & { conversation: ConversationRow }> {
  const businessId = conversation.businessId ?? sql<string>`(select b.id from businesses b where b.is_default)`;
  const created = db.$with('created_conversation').as(
    db
      .insert(conversations)
      .values({ ...conversation, businessId })
      .returning(),
  );
  const { userMessage, turn } = openingCtes(db, message);
  const [row] = await db
    .with(created, userMessage, turn)
    .select({
      conversation: fieldsOf(conversationColumns, created),
      userMessage: fieldsOf(messageColumns, userMessage),
      turn: fieldsOf(turnColumns, turn),
    })
    .from(created)
    .crossJoin(userMessage)
    .crossJoin(turn);
  return row!;
}

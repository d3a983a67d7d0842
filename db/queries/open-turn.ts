// A turn's opening writes, one statement each: Postgres runs a statement's data-modifying CTEs
// atomically, so the user's message and its turn (and a new conversation) land together or not
// at all, without BEGIN/COMMIT round trips on the way to the first model call. Prepared: these
// run on every turn.
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { preparedFor } from '../prepared.ts';
import { type ConversationRow, conversations, type MessageRow, messages, type TurnRow, turns } from '../schema.ts';
import { messageColumns } from './messages.ts';

export type TurnFailure = { errorCode: string; errorMessage: string };
export type UserMessage = {
  id: string;
  conversationId: string;
  turnId: string;
  content: string;
  tokens: number;
  clientMessageId?: string;
};
export type Opening = { userMessage: MessageRow; turn: TurnRow };

const turnColumns = getTableColumns(turns);
const conversationColumns = getTableColumns(conversations);
const param = sql.placeholder;

/** A CTE's fields in the shape of the columns it returned, for a nested select. */
function fieldsOf<C extends Record<string, unknown>, S>(columns: C, cte: S): { [K in keyof C]: S[K & keyof S] } {
  return Object.fromEntries(Object.keys(columns).map((key) => [key, cte[key as keyof S]])) as never;
}

const settleAndFind = preparedFor((db) => {
  const settled = db.$with('settled').as(
    db
      .update(turns)
      .set({
        errorCode: sql`${param('errorCode')}`,
        errorMessage: sql`${param('errorMessage')}`,
        status: 'failed',
        finishedAt: sql`now()`,
      })
      .where(and(eq(turns.conversationId, param('conversationId')), eq(turns.status, 'running')))
      .returning({ id: turns.id }),
  );
  return db
    .with(settled)
    .select()
    .from(conversations)
    .where(eq(conversations.id, param('conversationId')))
    .prepare('settle_and_find_conversation');
});

/**
 * Reads the conversation and fails its turns still marked running, in one round trip. Only
 * under the conversation's lock: a running turn nobody else holds the lock for was interrupted.
 */
export async function settleAndFindConversation(
  db: Db,
  conversationId: string,
  failure: TurnFailure,
): Promise<ConversationRow | undefined> {
  const [row] = await settleAndFind(db).execute({ conversationId, ...failure });
  return row;
}

function openingCtes(db: Db) {
  const userMessage = db.$with('user_message').as(
    db
      .insert(messages)
      .values({
        id: param('id'),
        conversationId: param('conversationId'),
        turnId: param('turnId'),
        role: 'user',
        content: param('content'),
        tokens: param('tokens'),
        clientMessageId: param('clientMessageId'),
      })
      .returning(messageColumns),
  );
  const turn = db.$with('opened_turn').as(
    db
      .insert(turns)
      .values({ id: param('turnId'), conversationId: param('conversationId'), userMessageId: param('id'), status: 'running' })
      .returning(),
  );
  return { userMessage, turn };
}

const opening = preparedFor((db) => {
  const { userMessage, turn } = openingCtes(db);
  return db
    .with(userMessage, turn)
    .select({ userMessage: fieldsOf(messageColumns, userMessage), turn: fieldsOf(turnColumns, turn) })
    .from(userMessage)
    .crossJoin(turn)
    .prepare('open_turn');
});

const openingWithConversation = preparedFor((db) => {
  const created = db.$with('created_conversation').as(
    db
      .insert(conversations)
      .values({
        id: param('conversationId'),
        title: param('title'),
        // The default business unless one is named.
        businessId: sql`coalesce(${param('businessId')}::uuid, (select b.id from businesses b where b.is_default))`,
      })
      .returning(),
  );
  const { userMessage, turn } = openingCtes(db);
  return db
    .with(created, userMessage, turn)
    .select({
      conversation: fieldsOf(conversationColumns, created),
      userMessage: fieldsOf(messageColumns, userMessage),
      turn: fieldsOf(turnColumns, turn),
    })
    .from(created)
    .crossJoin(userMessage)
    .crossJoin(turn)
    .prepare('open_turn_in_new_conversation');
});

const values = (message: UserMessage) => ({ ...message, clientMessageId: message.clientMessageId ?? null });

/** The user's message and its running turn, in an existing conversation. */
export async function insertOpening(db: Db, message: UserMessage): Promise<Opening> {
  const [row] = await opening(db).execute(values(message));
  return row!;
}

/** A new conversation (in the default business unless one is named), its first message and turn. */
export async function insertOpeningWithConversation(
  db: Db,
  conversation: { title: string; businessId?: string },
  message: UserMessage,
): Promise<Opening & { conversation: ConversationRow }> {
  const [row] = await openingWithConversation(db).execute({
    ...values(message),
    title: conversation.title,
    businessId: conversation.businessId ?? null,
  });
  return row!;
}

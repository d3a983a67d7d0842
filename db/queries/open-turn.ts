// A turn's opening writes in one statement, for a new conversation or an existing one: Postgres
// runs a statement's data-modifying CTEs atomically, so the user's message and its turn (and a new
// conversation, or the settling of interrupted turns) land together or not at all, without
// BEGIN/COMMIT round trips on the way to the first model call. Prepared: these run on every turn.
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { preparedFor } from '../prepared.ts';
import { type ConversationRow, conversations, type MessageRow, messages, type TurnRow, turns } from '../schema.ts';
import { businessOrDefault } from './businesses.ts';
import { messageColumns } from './messages.ts';
import { failingRunningTurns } from './turns.ts';

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

const values = (message: UserMessage) => ({ ...message, clientMessageId: message.clientMessageId ?? null });

/** A CTE's fields in the shape of the columns it returned, for a nested select. */
function fieldsOf<C extends Record<string, unknown>, S>(columns: C, cte: S): { [K in keyof C]: S[K & keyof S] } {
  return Object.fromEntries(Object.keys(columns).map((key) => [key, cte[key as keyof S]])) as never;
}

/**
 * Fails the conversation's turns still marked running, reads the conversation, and stores the
 * message and its turn there, in one statement. The insert reads `conversation`, so nothing is
 * stored when it is missing or belongs to another business than the one named. Raw inserts: the
 * row is inserted from a select, which drizzle builds only with every column (seq included).
 */
const settleAndOpenTurn = preparedFor((db) => {
  const settled = db.$with('settled').as(
    failingRunningTurns(db, param('conversationId'), {
      errorCode: sql`${param('errorCode')}`,
      errorMessage: sql`${param('errorMessage')}`,
    }),
  );
  const conversation = db.$with('conversation').as(
    db
      .select()
      .from(conversations)
      .where(eq(conversations.id, param('conversationId'))),
  );
  const userMessage = db.$with('user_message', messageColumns).as(
    sql`insert into ${messages} (id, conversation_id, turn_id, role, content, tokens, client_message_id)
      select ${param('id')}::uuid, conversation.id, ${param('turnId')}::uuid, 'user', ${param('content')}::text,
        ${param('tokens')}::int, ${param('clientMessageId')}::text
      from conversation
      where ${param('businessId')}::uuid is null or conversation.business_id = ${param('businessId')}::uuid
      returning *`,
  );
  const turn = db.$with('opened_turn', turnColumns).as(
    sql`insert into ${turns} (id, conversation_id, user_message_id, status)
      select user_message.turn_id, user_message.conversation_id, user_message.id, 'running' from user_message
      returning *`,
  );
  return db
    .with(settled, conversation, userMessage, turn)
    .select({
      conversation: fieldsOf(conversationColumns, conversation),
      userMessage: fieldsOf(messageColumns, userMessage),
      turn: fieldsOf(turnColumns, turn),
    })
    .from(conversation)
    .leftJoin(userMessage, sql`true`)
    .leftJoin(turn, sql`true`)
    .prepare('settle_and_open_turn');
});

/**
 * The message and its running turn in an existing conversation, whose turns still marked running
 * are failed first: only under the conversation's lock, where a running turn nobody else holds
 * the lock for was interrupted. Undefined when the conversation is missing; no opening when it
 * belongs to another business than `businessId`.
 */
export async function settleAndOpen(
  db: Db,
  message: UserMessage,
  options: { businessId?: string; failure: TurnFailure },
): Promise<{ conversation: ConversationRow; opening: Opening | null } | undefined> {
  const [row] = await settleAndOpenTurn(db).execute({
    ...values(message),
    ...options.failure,
    businessId: options.businessId ?? null,
  });
  if (!row) return undefined;
  const { conversation, userMessage, turn } = row;
  return { conversation, opening: userMessage && turn ? { userMessage, turn } : null };
}

const openingWithConversation = preparedFor((db) => {
  const created = db.$with('created_conversation').as(
    db
      .insert(conversations)
      .values({
        id: param('conversationId'),
        title: param('title'),
        // The default business unless one is named.
        businessId: businessOrDefault(param('businessId')),
      })
      .returning(),
  );
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

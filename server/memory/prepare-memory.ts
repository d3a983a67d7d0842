// A turn's memory: assemble it; when older messages overflow the window, fold them into the
// rolling summary first and assemble again. A failed fold never fails the turn.
import type { Runner } from '@openai/agents';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { findConversation, storeSummary } from '../../db/queries/conversations.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import { assembleMemory, summaryText, type Memory } from './assemble.ts';
import { planFold, summaryTarget } from './plan-fold.ts';
import { summarize, summaryPrompt, type Summarized } from './summarizer.ts';
import { countTokens } from './tokens.ts';

export type MemoryDeps = { db: Db; runner: Runner; memoryBudget: number; logger: Pick<Logger, 'warn'> };

/** `memoryTokens`: what the Summarizer spent on this turn (0 when it did not run). */
export type PreparedMemory = { memory: Memory; memoryTokens: number };

export async function prepareMemory(
  deps: MemoryDeps,
  turn: { conversation: ConversationRow; userMessage: MemoryMessage },
): Promise<PreparedMemory> {
  const { db, memoryBudget: budget } = deps;
  const current = turn.userMessage;
  const memory = await assembleMemory(db, { conversation: turn.conversation, current, budget });
  if (!memory.overflow) return { memory, memoryTokens: 0 };
  const folded = await fold(deps, turn.conversation, current);
  if (!folded) return { memory, memoryTokens: 0 };
  const conversation = folded.conversation ?? (await findConversation(db, turn.conversation.id));
  if (!conversation) return { memory, memoryTokens: folded.tokens };
  return { memory: await assembleMemory(db, { conversation, current, budget }), memoryTokens: folded.tokens };
}

/**
 * Folds the overflow into the summary. Undefined when the Summarizer failed (the previous
 * summary stands and the next turn tries again); `conversation` undefined when a reset or
 * another summary got there first, so the stored one is not ours.
 */
async function fold(
  deps: MemoryDeps,
  conversation: ConversationRow,
  current: MemoryMessage,
): Promise<{ conversation: ConversationRow | undefined; tokens: number } | undefined> {
  const { db, memoryBudget: budget } = deps;
  const messages = await planFold(db, { conversation, current, budget });
  const first = messages[0];
  const last = messages.at(-1);
  if (!first || !last) return undefined;

  let result: Summarized;
  try {
    result = await summarize(deps.runner, summaryPrompt(conversation.summary, messages, summaryTarget(budget)));
  } catch (error) {
    deps.logger.warn(
      { err: error, conversationId: conversation.id, messages: messages.length },
      'summarizing older messages failed; this turn keeps the previous summary',
    );
    return undefined;
  }
  const stored = await storeSummary(db, {
    id: conversation.id,
    fromSeq: conversation.summaryThroughSeq,
    firstFoldedId: first.id,
    summary: result.summary,
    summaryTokens: countTokens(summaryText(result.summary)),
    through: { id: last.id, seq: last.seq },
  });
  return { conversation: stored, tokens: result.tokens };
}

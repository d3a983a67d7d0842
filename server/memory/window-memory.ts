// Memory as a rolling summary plus the newest messages within a token budget. When older
// messages overflow the window they are folded into the summary first; a failed fold never
// fails the turn (the previous summary stands and the next turn tries again).
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { findConversation, storeSummary } from '../../db/queries/conversations.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import { assemble, readWindow, summaryText, type Assembled } from './assemble.ts';
import type { Memory, MemoryStatus, Recollection, Summarize } from './memory.ts';
import { planFold, summaryTarget } from './plan-fold.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS, routerContext } from './router-context.ts';
import { summaryPrompt } from './summary-prompt.ts';
import { countTokens } from './tokens.ts';

export function windowMemory(
  db: Db,
  options: { budget: number; routerBudget?: number; logger: Pick<Logger, 'warn'> },
): Memory {
  const { budget, logger } = options;
  const routerBudget = options.routerBudget ?? DEFAULT_ROUTER_CONTEXT_TOKENS;
  const recollection = (assembled: Assembled, summarizerTokens: number): Recollection => ({
    items: assembled.items,
    tokens: assembled.tokens,
    routerItems: routerContext(assembled.items, routerBudget, countTokens),
    summarizerTokens,
  });

  /**
   * Folds the overflow into the summary. Undefined when the Summarizer failed; `conversation`
   * undefined when a reset or another summary got there first, so the stored one is not ours.
   */
  async function fold(conversation: ConversationRow, current: MemoryMessage, summarize: Summarize) {
    const messages = await planFold(db, { conversation, current, budget });
    const first = messages[0];
    const last = messages.at(-1);
    if (!first || !last) return undefined;
    let result: Awaited<ReturnType<Summarize>>;
    try {
      result = await summarize(summaryPrompt(conversation.summary, messages, summaryTarget(budget)));
    } catch (error) {
      logger.warn(
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

  return {
    async recall({ conversation, userMessage: current }, summarize) {
      const first = await assemble(db, { conversation, current, budget });
      if (!first.overflow) return recollection(first, 0);
      const folded = await fold(conversation, current, summarize);
      if (!folded) return recollection(first, 0);
      const refreshed = folded.conversation ?? (await findConversation(db, conversation.id));
      if (!refreshed) return recollection(first, folded.tokens);
      const second = await assemble(db, { conversation: refreshed, current, budget });
      return recollection(second, folded.tokens);
    },

    tokensOf: countTokens,

    async describe(conversation): Promise<MemoryStatus> {
      const room = Math.max(0, budget - conversation.summaryTokens);
      const window = await readWindow(db, conversation, { beforeSeq: Number.MAX_SAFE_INTEGER, room });
      return {
        summary: conversation.summary,
        summaryTokens: conversation.summaryTokens,
        windowMessages: window.messages.length,
        windowTokens: window.tokens,
        budget,
        tokensInUse: conversation.summaryTokens + window.tokens,
        pendingSummary: window.overflow,
        memoryFrom: conversation.memoryFrom?.toISOString() ?? null,
      };
    },
  };
}

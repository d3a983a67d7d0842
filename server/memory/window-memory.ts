// Memory as a rolling summary plus the newest messages within a token budget. When older
// messages overflow the window they are folded into the summary first; a failed fold never
// fails the turn (the previous summary stands and the next turn tries again).
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { findConversation, storeSummary } from '../../db/queries/conversations.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import type { ConversationRow } from '../../db/schema.ts';
import { DEFAULT_PROFILE_TOKENS } from '../business/profile-digest.ts';
import { type ProfileOf, recallProfile } from '../business/recall-profile.ts';
import { assemble, readWindow, summaryText } from './assemble.ts';
import type { Memory, MemoryItem, MemoryStatus, Summarize, TurnMemoryInput } from './memory.ts';
import { planFold, summaryTarget } from './plan-fold.ts';
import { readNewestPage } from './read-messages.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS, routerContext } from './router-context.ts';
import { summaryPrompt } from './summary-prompt.ts';
import { countTokens } from './tokens.ts';

export function windowMemory(
  db: Db,
  options: { budget: number; routerBudget?: number; profileBudget?: number; logger: Pick<Logger, 'warn'> },
): Memory {
  const { budget, logger } = options;
  const routerBudget = options.routerBudget ?? DEFAULT_ROUTER_CONTEXT_TOKENS;
  const profileOf = (of: ProfileOf) =>
    recallProfile(db, { of, budget: options.profileBudget ?? DEFAULT_PROFILE_TOKENS, tokensOf: countTokens });

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

  async function recallConversation(
    { conversation, userMessage: current }: TurnMemoryInput,
    summarize: Summarize,
    newest: MemoryMessage[] | undefined,
  ) {
    const first = await assemble(db, { conversation, current, budget, newest });
    if (!first.overflow) return { ...first, summarizerTokens: 0 };
    const folded = await fold(conversation, current, summarize);
    if (!folded) return { ...first, summarizerTokens: 0 };
    const refreshed = folded.conversation ?? (await findConversation(db, conversation.id));
    if (!refreshed) return { ...first, summarizerTokens: folded.tokens };
    const second = await assemble(db, { conversation: refreshed, current, budget });
    return { ...second, summarizerTokens: folded.tokens };
  }

  return {
    readAhead(of) {
      const { conversationId } = of;
      // A conversation the opening creates holds nothing yet but the turn's own message.
      const ahead = of.created
        ? { conversationId, newest: Promise.resolve([]), profile: profileOf({ businessId: of.businessId ?? null }) }
        : { conversationId, newest: readNewestPage(db, conversationId), profile: profileOf({ conversationId }) };
      // Never an unhandled rejection: when the turn fails to open, nobody awaits these.
      ahead.newest.catch(() => {});
      ahead.profile.catch(() => {});
      return ahead;
    },

    async recall(turn, summarize, ahead) {
      const { conversation } = turn;
      const early = ahead?.conversationId === conversation.id ? ahead : undefined;
      const [profile, recalled] = await Promise.all([
        early?.profile ?? profileOf({ businessId: conversation.businessId }),
        early
          ? early.newest.then((newest) => recallConversation(turn, summarize, newest))
          : recallConversation(turn, summarize, undefined),
      ]);
      // Background like the summary: the router's short view keeps leading context items.
      const profileItem: MemoryItem | null = profile
        ? { role: 'user', content: profile.text, tokens: profile.tokens, context: true }
        : null;
      const items = profileItem ? [profileItem, ...recalled.items] : recalled.items;
      return {
        items,
        profile,
        tokens: recalled.tokens,
        routerItems: routerContext(items, routerBudget, countTokens),
        summarizerTokens: recalled.summarizerTokens,
      };
    },

    tokensOf: countTokens,

    async describe(conversation): Promise<MemoryStatus> {
      const room = Math.max(0, budget - conversation.summaryTokens);
      const [window, profile] = await Promise.all([
        readWindow(db, conversation, { beforeSeq: Number.MAX_SAFE_INTEGER, room }),
        profileOf({ businessId: conversation.businessId }),
      ]);
      return {
        summary: conversation.summary,
        summaryTokens: conversation.summaryTokens,
        windowMessages: window.messages.length,
        windowTokens: window.tokens,
        budget,
        tokensInUse: conversation.summaryTokens + window.tokens,
        pendingSummary: window.overflow,
        memoryFrom: conversation.memoryFrom?.toISOString() ?? null,
        profile: {
          facts: profile?.factIds.length ?? 0,
          tokens: profile?.tokens ?? 0,
          budget: options.profileBudget ?? DEFAULT_PROFILE_TOKENS,
        },
      };
    },
  };
}

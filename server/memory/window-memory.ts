// Memory as a rolling summary plus the newest messages within a token budget. Older messages are
// folded into the summary after a turn (fold-behind.ts), never before one: a turn reads the
// summary it finds and the newest messages that fit, and a failed fold never fails a turn.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import { DEFAULT_PROFILE_TOKENS } from '../business/profile-digest.ts';
import { type ProfileOf, recallProfile } from '../business/recall-profile.ts';
import { assemble, readWindow } from './assemble.ts';
import { foldBehind } from './fold-behind.ts';
import type { Memory, MemoryItem, MemoryStatus, TurnMemoryInput } from './memory.ts';
import { foldThreshold } from './plan-fold.ts';
import { readNewestPage } from './read-messages.ts';
import { DEFAULT_ROUTER_CONTEXT_TOKENS, routerContext } from './router-context.ts';
import { countTokens } from './tokens.ts';

export function windowMemory(
  db: Db,
  options: { budget: number; routerBudget?: number; profileBudget?: number; logger: Pick<Logger, 'warn'> },
): Memory {
  const { budget, logger } = options;
  const routerBudget = options.routerBudget ?? DEFAULT_ROUTER_CONTEXT_TOKENS;
  const profileOf = (of: ProfileOf) =>
    recallProfile(db, { of, budget: options.profileBudget ?? DEFAULT_PROFILE_TOKENS, tokensOf: countTokens });

  const recallConversation = ({ conversation, userMessage: current }: TurnMemoryInput, newest?: MemoryMessage[]) =>
    assemble(db, { conversation, current, budget, newest });

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

    async recall(turn, ahead) {
      const { conversation } = turn;
      const early = ahead?.conversationId === conversation.id ? ahead : undefined;
      const [profile, recalled] = await Promise.all([
        early?.profile ?? profileOf({ businessId: conversation.businessId }),
        early ? early.newest.then((newest) => recallConversation(turn, newest)) : recallConversation(turn),
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
        overflow: recalled.overflow,
      };
    },

    foldDue: (recalled, replyTokens) => recalled.overflow || recalled.tokens + replyTokens > foldThreshold(budget),

    fold: (request) => foldBehind({ db, budget, logger }, request),

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

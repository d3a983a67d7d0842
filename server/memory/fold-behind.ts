// Folding older messages into the summary after a turn's reply is stored, so no turn's first word
// waits for the Summarizer. A fold holds no lock while the model writes: it reads the summary it
// extends, and storing the new one is conditional on that summary still being current (no reset,
// no other fold stored since), so a reset always wins and two folds never both apply, on any
// number of instances. Until it lands, turns read the previous summary and the window that fits.
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { findConversation, storeSummary } from '../../db/queries/conversations.ts';
import { addMemoryTokens } from '../../db/queries/turns.ts';
import { summaryText } from './assemble.ts';
import type { FoldRequest, Summarize } from './memory.ts';
import { foldDue, planFold, summaryTarget } from './plan-fold.ts';
import { summaryPrompt } from './summary-prompt.ts';
import { countTokens } from './tokens.ts';

/** One fold reads at most a budget; a conversation far behind catches up in a few, not forever. */
const MAX_ROUNDS = 4;

export async function foldBehind(
  deps: { db: Db; budget: number; logger: Pick<Logger, 'warn'> },
  request: FoldRequest,
): Promise<void> {
  const { db, budget } = deps;
  const { conversationId, signal } = request;
  let spent = 0;
  for (let round = 0; round < MAX_ROUNDS && !signal.aborted; round += 1) {
    const conversation = await findConversation(db, conversationId);
    if (!conversation || !(await foldDue(db, { conversation, budget }))) break;
    const messages = await planFold(db, { conversation, budget });
    const first = messages[0];
    const last = messages.at(-1);
    if (!first || !last) break;
    let result: Awaited<ReturnType<Summarize>>;
    try {
      result = await request.summarize(summaryPrompt(conversation.summary, messages, summaryTarget(budget)), signal);
    } catch (error) {
      if (!signal.aborted)
        deps.logger.warn(
          { err: error, conversationId, messages: messages.length },
          'summarizing older messages failed; turns keep the previous summary until the next fold',
        );
      break;
    }
    spent += result.tokens;
    if (signal.aborted) break;
    const stored = await storeSummary(db, {
      id: conversationId,
      fromSeq: conversation.summaryThroughSeq,
      firstFoldedId: first.id,
      summary: result.summary,
      summaryTokens: countTokens(summaryText(result.summary)),
      through: { id: last.id, seq: last.seq },
    });
    // A reset, or another fold that stored first: the stored summary is not ours to extend.
    if (!stored) break;
  }
  if (spent > 0) await addMemoryTokens(db, request.turnId, spent);
}

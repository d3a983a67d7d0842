// Model input per turn with the rolling summary against resending the whole history: a scripted
// model plays a long conversation through the real turn pipeline (PGlite, real Runner), and the
// Summarizer writes summaries up to the length it is asked for.
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { countTokens } from '../server/memory/tokens.ts';
import { chatHarness } from '../tests/support/chat-harness.ts';
import { keepingSummarizer, playConversation } from '../tests/support/conversation-script.ts';
import { SIMULATED, sampleText } from './sample-text.ts';

export type TokenFigure = {
  turn: number;
  /** Conversation tokens in this turn's agent call: summary + window + new message. */
  memoryInput: number;
  /** The same call resending every message so far. */
  fullHistoryInput: number;
  ratio: number;
  /** Through this turn: agent-call conversation tokens plus every Summarizer call (in + out). */
  cumulativeWithSummaries: number;
  cumulativeFullHistory: number;
  cumulativeRatio: number;
  summarizerCalls: number;
};

/** `largestCall`: the most conversation tokens any model call received, the Summarizer's included. */
export type TokenSimulation = { figures: TokenFigure[]; largestCall: number };

export async function simulateTokens(options: {
  turns: number;
  budget: number;
  checkpoints: number[];
}): Promise<TokenSimulation> {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(database);
    const texts = sampleText(42);
    const h = chatHarness(database, { memoryBudget: options.budget });
    const play = playConversation(h.model, h.team, {
      summarize: keepingSummarizer,
      answer: () => texts.text(SIMULATED.replyTokens).content,
    });
    const figures: TokenFigure[] = [];
    let conversationId: string | undefined;
    let history = 0;
    let cumulativeFull = 0;
    let cumulativeMemory = 0;
    let summarizerCalls = 0;
    for (let turn = 1; turn <= options.turns; turn += 1) {
      const question = texts.text(SIMULATED.userTokens);
      const before = play.played.length;
      play.ready();
      const outcome = await h.api.chat.send({ conversationId, message: question.content });
      conversationId = outcome.conversationId;
      // The fold a turn starts runs after its reply: counted with the turn that started it.
      await h.chat.housekeeping.idle();
      const calls = play.played.slice(before);
      // The expert reads the whole window; the Orchestrator only its short routing view (call-tokens.ts).
      const agentCall = calls.find((call) => call.role === 'expert')!;
      const memoryInput = conversationTokens(agentCall.texts);
      const summaries = calls.filter((call) => call.role === 'summarizer');
      summarizerCalls += summaries.length;
      const fullHistoryInput = history + question.tokens;
      history = fullHistoryInput + countTokens(outcome.reply?.content ?? '');
      cumulativeFull += fullHistoryInput;
      cumulativeMemory += memoryInput + summaries.reduce((sum, call) => sum + call.usage.totalTokens, 0);
      if (!options.checkpoints.includes(turn)) continue;
      figures.push({
        turn,
        memoryInput,
        fullHistoryInput,
        ratio: fullHistoryInput / memoryInput,
        cumulativeWithSummaries: cumulativeMemory,
        cumulativeFullHistory: cumulativeFull,
        cumulativeRatio: cumulativeFull / cumulativeMemory,
        summarizerCalls,
      });
    }
    const largestCall = Math.max(...play.played.map((call) => conversationTokens(call.texts)));
    return { figures, largestCall };
  } finally {
    await database.close();
  }
}

function conversationTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + countTokens(text), 0);
}

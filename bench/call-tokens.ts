// What each model call of a turn reads, over a 100-turn conversation played through the real turn
// pipeline (PGlite, real Runner, scripted model): the routing call, the expert call and the
// Summarizer, against the seed's design (the whole history to both agents), and how much of each
// call repeats the previous call's prefix for the same agent (what a prompt cache can serve).

import { randomUUID } from 'node:crypto';
import { type ModelRequest, type ModelResponse, Usage } from '@openai/agents';
import { assistantMessage, functionCall, modelResponder } from '@openai/agents/testing';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { countTokens } from '../server/memory/tokens.ts';
import { chatHarness } from '../tests/support/chat-harness.ts';
import { keepingSummarizer } from '../tests/support/conversation-script.ts';
import { inputTexts, transferToolName } from '../tests/support/scripted-runtime.ts';
import { SIMULATED, sampleText } from './sample-text.ts';
import { round, table } from './stats.ts';

type Role = 'routing' | 'expert' | 'summarizer';
type Call = { role: Role; instructions: string; prompt: string; tokens: number; conversation: number };

export type CallFigure = {
  turn: number;
  routing: number;
  expert: number;
  /** Summarizer input after this turn (0 when memory did not fold). */
  summarizer: number;
  /** The seed's design: instructions + the whole history, for each of the two agents. */
  seedRouting: number;
  seedExpert: number;
  /** Seed's two calls over this turn's calls (Summarizer included). */
  fewerBy: number;
  routingShareOfExpert: number;
  /** The same without the fixed part (tool schemas, instructions), which a prompt cache serves. */
  conversationShareOfExpert: number;
  expertPrefixShare: number;
  routingPrefixShare: number;
};

export type CallTokens = {
  budget: number;
  figures: CallFigure[];
  /** Expert calls from turn 3 on, except turns where memory folded: the lowest prefix share. */
  minExpertPrefixShare: number;
  /** The same from turn 4 on: on turn 3 one reply and question are most of a short conversation. */
  minExpertPrefixShareFrom4: number;
  goals: { routingAtMost25PctAt50: boolean; expertPrefixAtLeast80Pct: boolean; turn100AtLeast10xFewer: boolean };
};

const tokensOf = (prompt: string) => countTokens(prompt);

/** Characters the prompt shares with the start of the previous one, as a share of its length. */
function prefixShare(previous: string | undefined, prompt: string): number {
  if (!previous) return 0;
  const limit = Math.min(previous.length, prompt.length);
  let i = 0;
  while (i < limit && previous.charCodeAt(i) === prompt.charCodeAt(i)) i += 1;
  return i / prompt.length;
}

export async function measureCallTokens(options: { turns: number; budget: number; checkpoints: number[] }): Promise<CallTokens> {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(database);
    const texts = sampleText(7);
    const h = chatHarness(database, { memoryBudget: options.budget });
    let calls: Call[] = [];
    // What the API bills as input, in its cache order: tool schemas, instructions, then messages.
    const record = (role: Role, request: ModelRequest) => {
      const schemas = JSON.stringify([...request.tools, ...request.handoffs]);
      const instructions = `${schemas}\n${request.systemInstructions ?? ''}`;
      const prompt = [instructions, ...inputTexts(request.input)].join('\n');
      const tokens = tokensOf(prompt);
      calls.push({ role, instructions, prompt, tokens, conversation: tokens - tokensOf(instructions) });
    };
    const step = modelResponder(async ({ request }): Promise<ModelResponse> => {
      const input = inputTexts(request.input);
      const usage = new Usage({ requests: 1, inputTokens: 1, outputTokens: 1, totalTokens: 2 });
      if (input.length === 1 && input[0]!.startsWith('Summary so far:')) {
        record('summarizer', request);
        return { output: [assistantMessage(keepingSummarizer(input[0]!))], usage };
      }
      if (request.handoffs.length > 0) {
        record('routing', request);
        return {
          output: [functionCall(transferToolName(h.team, 'Strategic'), { reason: 'bench' }, { callId: randomUUID() })],
          usage,
        };
      }
      record('expert', request);
      return { output: [assistantMessage(texts.text(SIMULATED.replyTokens).content)], usage };
    });

    const figures: CallFigure[] = [];
    const previous = new Map<Role, string>();
    const history: string[] = [];
    let minExpertPrefixShare = 1;
    let minExpertPrefixShareFrom4 = 1;
    let conversationId: string | undefined;
    let foldedBefore = false;
    for (let turn = 1; turn <= options.turns; turn += 1) {
      calls = [];
      while (h.model.remainingSteps < 3) h.model.enqueue(step);
      const question = texts.text(SIMULATED.userTokens).content;
      const sent = await h.api.chat.send({ conversationId, message: question });
      conversationId = sent.conversationId;
      // A fold runs after the reply: counted with the turn that started it, it changes the next turn's prefix.
      await h.chat.housekeeping.idle();
      const of = (role: Role) => calls.find((c) => c.role === role);
      const routing = of('routing')!;
      const expert = of('expert')!;
      const summarizer = of('summarizer');
      history.push(question);
      const seedHistory = history.join('\n');
      const expertShare = prefixShare(previous.get('expert'), expert.prompt);
      const routingShare = prefixShare(previous.get('routing'), routing.prompt);
      if (turn >= 3 && !foldedBefore) minExpertPrefixShare = Math.min(minExpertPrefixShare, expertShare);
      if (turn >= 4 && !foldedBefore) minExpertPrefixShareFrom4 = Math.min(minExpertPrefixShareFrom4, expertShare);
      foldedBefore = Boolean(summarizer);
      previous.set('expert', expert.prompt);
      previous.set('routing', routing.prompt);
      history.push(sent.reply?.content ?? '');
      if (!options.checkpoints.includes(turn)) continue;
      const seedRouting = tokensOf(`${routing.instructions}\n${seedHistory}`);
      const seedExpert = tokensOf(`${expert.instructions}\n${seedHistory}`);
      const spent = routing.tokens + expert.tokens + (summarizer?.tokens ?? 0);
      figures.push({
        turn,
        routing: routing.tokens,
        expert: expert.tokens,
        summarizer: summarizer?.tokens ?? 0,
        seedRouting,
        seedExpert,
        fewerBy: round((seedRouting + seedExpert) / spent),
        routingShareOfExpert: round(routing.tokens / expert.tokens),
        conversationShareOfExpert: round(routing.conversation / expert.conversation),
        expertPrefixShare: round(expertShare),
        routingPrefixShare: round(routingShare),
      });
    }
    const at = (turn: number) => figures.find((f) => f.turn === turn);
    return {
      budget: options.budget,
      figures,
      minExpertPrefixShare: round(minExpertPrefixShare),
      minExpertPrefixShareFrom4: round(minExpertPrefixShareFrom4),
      goals: {
        routingAtMost25PctAt50: (at(50)?.routingShareOfExpert ?? 1) <= 0.25,
        expertPrefixAtLeast80Pct: minExpertPrefixShare >= 0.8,
        turn100AtLeast10xFewer: (at(100)?.fewerBy ?? 0) >= 10,
      },
    };
  } finally {
    await database.close();
  }
}

export function callTokensTable(result: CallTokens): string {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `Input tokens per call (tool schemas + instructions + conversation), memory budget ${result.budget}`,
    table(
      [
        'turn',
        'routing',
        'expert',
        'summarizer',
        'seed routing',
        'seed expert',
        'seed ÷ ours',
        'routing/expert',
        '(conversation only)',
        'expert prefix',
        'routing prefix',
      ],
      result.figures.map((f) => [
        f.turn,
        f.routing,
        f.expert,
        f.summarizer,
        f.seedRouting,
        f.seedExpert,
        `${f.fewerBy}×`,
        pct(f.routingShareOfExpert),
        pct(f.conversationShareOfExpert),
        pct(f.expertPrefixShare),
        pct(f.routingPrefixShare),
      ]),
    ),
    `Lowest expert prefix share, turns right after a fold aside: from turn 3 ${pct(result.minExpertPrefixShare)}, from turn 4 ${pct(result.minExpertPrefixShareFrom4)}`,
    `Goals: routing ≤ 25% of expert at turn 50: ${met(result.goals.routingAtMost25PctAt50)}; ` +
      `expert prefix ≥ 80%: ${met(result.goals.expertPrefixAtLeast80Pct)}; turn 100 ≥ 10× fewer than the seed: ${met(result.goals.turn100AtLeast10xFewer)}`,
  ].join('\n');
}

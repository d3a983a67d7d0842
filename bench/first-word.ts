// The wait a user feels, on the realistic model (latency-model.ts): time to the first delta of every
// turn of one long conversation through the real turn pipeline (`chat.stream`, the SDK's HTTP path
// to a local OpenAI-compatible fake), against one direct expert call with the same memory (a
// one-agent chat app); what the router writes before its handoff; and cost per turn with cached
// input priced, against the seed's design priced with caching too.
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { apiOver } from '../tests/support/chat-harness.ts';
import { keepingSummarizer } from '../tests/support/conversation-script.ts';
import { lastUserText } from '../tests/support/eval-cli.ts';
import { type ChatMessage, type ChatRequest, startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { fixedRoute } from '../tests/support/fixed-route.ts';
import { createThrowawayDatabase } from '../tests/support/throwaway-database.ts';
import { type BenchDriver, benchPostgresUrl } from './bench-app.ts';
import { PRICED_MODELS, seedCalls, type TurnCalls, usd } from './cached-cost.ts';
import { DIRECT_MODEL, directFirstDelta } from './direct-call.ts';
import { firstDelta, runtimeOn } from './first-delta.ts';
import { fakeOptionsFor, type LatencyModel } from './latency-model.ts';
import { SIMULATED, sampleText } from './sample-text.ts';
import { percentile } from './stats.ts';

/** What the Orchestrator's instructions ask for before the handoff: a reason of three to eight words. */
const REASONS = [
  'Pricing and margins',
  'Launch plan for autumn',
  'Wholesale pricing question',
  'Production schedule for the stall',
  'Brand tone for the newsletter',
];

export type Spread = { p50: number; p95: number; p99: number; max: number };
export type FirstWordRow = {
  driver: BenchDriver;
  turns: number;
  folds: number;
  ours: Spread;
  direct: Spread;
  oursOverDirectP50: number;
  p99OverP50: number;
  routerOutputTokens: { p50: number; p95: number };
  /** USD per turn at the last turn (folds: their mean over the second half), ours and the seed's. */
  cost: { model: string; ours: number; seed: number; seedOverOurs: number }[];
};

const spread = (samples: number[]): Spread => ({
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  p99: percentile(samples, 99),
  max: Math.max(...samples),
});

const isSummarizer = (request: ChatRequest) => lastUserText(request).startsWith('Summary so far:');
const isRouting = (request: ChatRequest) => Boolean(request.tools?.some((t) => t.function.name.startsWith('transfer_to_')));

export async function runFirstWordOn(driver: BenchDriver, turns: number, model: LatencyModel): Promise<FirstWordRow> {
  const texts = sampleText(17);
  const route = fixedRoute('Strategic', '');
  let routed = 0;
  const fake = await startFakeOpenAI((request) => {
    if (isSummarizer(request)) return { text: keepingSummarizer(lastUserText(request)) };
    const routing = route(request);
    if (!('toolCalls' in routing)) return { text: texts.text(SIMULATED.replyTokens).content };
    const [call] = routing.toolCalls;
    return { toolCalls: [{ ...call!, arguments: { reason: REASONS[routed++ % REASONS.length] } }] };
  }, fakeOptionsFor(model));
  const throwaway = driver === 'postgres' ? await createThrowawayDatabase(benchPostgresUrl(), 'sb_bench') : undefined;
  const database = await openDatabase(throwaway ? { kind: 'postgres', url: throwaway.url } : { kind: 'pglite' });
  try {
    await migrate(database);
    const { api, chat } = apiOver(database, runtimeOn(fake.url));
    const ours: number[] = [];
    const direct: number[] = [];
    const routerOutput: number[] = [];
    const calls: TurnCalls[] = [];
    const firstRequestOf: number[] = [];
    const history: ChatMessage[] = [];
    let conversationId: string | undefined;
    for (let turn = 1; turn <= turns; turn += 1) {
      const before = fake.requests.length;
      firstRequestOf.push(before);
      const message = texts.text(SIMULATED.userTokens).content;
      const done = await firstDelta(api, { conversationId, message });
      conversationId = done.conversationId;
      ours.push(done.ms);
      routerOutput.push(done.turn.agentUsage.find((u) => u.agent === 'Orchestrator')!.outputTokens);
      const own = fake.requests.map((request, i) => ({ ...request, billed: fake.usages[i]! })).slice(before);
      const mine = own.filter((r) => r.model !== DIRECT_MODEL && !isSummarizer(r));
      const turnCalls = { routing: mine.find(isRouting)!, expert: mine.findLast((r) => !isRouting(r))! };
      calls.push(turnCalls);
      history.push({ role: 'user', content: message });
      history.push({ role: 'assistant', content: done.reply.content });
      direct.push(await directFirstDelta(fake.url, turnCalls.expert));
    }
    await chat.housekeeping.idle();
    const summarizerCalls = fake.requests
      .map((request, at) => ({ request, at, billed: fake.usages[at]! }))
      .filter((c) => isSummarizer(c.request));
    const secondHalf = firstRequestOf[Math.floor(turns / 2)]!;
    const seed = seedCalls();
    let lastSeed: ReturnType<ReturnType<typeof seedCalls>> | undefined;
    for (const [i, turnCalls] of calls.entries()) lastSeed = seed(turnCalls, history.slice(0, 2 * i + 1));
    const last = calls.at(-1)!;
    const cost = PRICED_MODELS.map((priced) => {
      const folds = summarizerCalls.filter((c) => c.at >= secondHalf);
      const foldPerTurn = folds.reduce((sum, c) => sum + usd(priced, c.billed), 0) / (turns - Math.floor(turns / 2));
      const oursUsd = usd(priced, last.routing.billed) + usd(priced, last.expert.billed) + foldPerTurn;
      const seedUsd = usd(priced, lastSeed!.routing) + usd(priced, lastSeed!.expert);
      return { model: priced, ours: oursUsd, seed: seedUsd, seedOverOurs: seedUsd / oursUsd };
    });
    const oursSpread = spread(ours);
    const directSpread = spread(direct);
    return {
      driver,
      turns,
      folds: summarizerCalls.length,
      ours: oursSpread,
      direct: directSpread,
      oursOverDirectP50: oursSpread.p50 / directSpread.p50,
      p99OverP50: oursSpread.p99 / oursSpread.p50,
      routerOutputTokens: { p50: percentile(routerOutput, 50), p95: percentile(routerOutput, 95) },
      cost,
    };
  } finally {
    await database.close();
    await throwaway?.drop();
    await fake.close();
  }
}

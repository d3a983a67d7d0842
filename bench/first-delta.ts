// Time to the first word of a reply when the model takes longer to start on a longer prompt: our
// design (the router on a short context, the expert on the memory window) against the seed's (the
// whole history to both calls), each over one long conversation through the real turn pipeline
// (Postgres, the SDK's HTTP path to a local fake model) and `chat.stream`, at turns 10, 50 and 100.
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { modelConfigFromEnv } from '../server/agents/model.ts';
import { createAgentRuntime } from '../server/agents/runtime.ts';
import { parseEnv } from '../server/env.ts';
import { apiOver } from '../tests/support/chat-harness.ts';
import { keepingSummarizer } from '../tests/support/conversation-script.ts';
import { lastUserText } from '../tests/support/eval-cli.ts';
import { type ChatRequest, type FakeOptions, startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { fixedRoute } from '../tests/support/fixed-route.ts';
import { createThrowawayDatabase } from '../tests/support/throwaway-database.ts';
import { benchPostgresUrl } from './bench-app.ts';
import { SIMULATED, sampleText } from './sample-text.ts';
import { round, type Summary, summarize, table } from './stats.ts';

/** A model that starts answering after a fixed delay plus a share per input token (prefill). */
const MODEL = { latencyMs: 50, msPerThousandInputTokens: 20 };

/** The seed's design through the same pipeline: no window, no summary, no short router view. */
const SEED_BUDGETS = { memoryBudget: 1_000_000, routerBudget: 1_000_000 };

type Design = 'ours' | 'seed';
export type FirstDeltaFigure = { turn: number; ours: Summary; seed: Summary; seedOverOursP50: number };
export type FirstDelta = { model: typeof MODEL; samplesPerTurn: number; figures: FirstDeltaFigure[] };

export async function runFirstDeltaBench(options: { quick: boolean }): Promise<FirstDelta> {
  const turns = options.quick ? [10, 50] : [10, 50, 100];
  const samplesPerTurn = options.quick ? 3 : 7;
  const ours = await playConversation('ours', turns, samplesPerTurn);
  const seed = await playConversation('seed', turns, samplesPerTurn);
  const figures = turns.map((turn) => {
    const [o, s] = [summarize(ours.get(turn)!), summarize(seed.get(turn)!)];
    return { turn, ours: o, seed: s, seedOverOursP50: round(s.p50 / o.p50) };
  });
  return { model: MODEL, samplesPerTurn, figures };
}

/**
 * One conversation on one design: turns before each checkpoint run on an instant model; from the
 * checkpoint on, `samples` turns run on the slow one and are timed from send to first delta.
 */
async function playConversation(design: Design, checkpoints: number[], samples: number): Promise<Map<number, number[]>> {
  const texts = sampleText(11);
  const latency: FakeOptions = { latencyMs: 0, msPerThousandInputTokens: 0 };
  // The Orchestrator always picks Strategic; the Summarizer keeps what it is given; the expert answers.
  const route = fixedRoute('Strategic', '');
  const fake = await startFakeOpenAI((request: ChatRequest) => {
    const last = lastUserText(request);
    if (last.startsWith('Summary so far:')) return { text: keepingSummarizer(last) };
    const routed = route(request);
    return 'toolCalls' in routed ? routed : { text: texts.text(SIMULATED.replyTokens).content };
  }, latency);
  // Postgres: on PGlite the warm-up turns of two 100-turn conversations alone take minutes.
  const throwaway = await createThrowawayDatabase(benchPostgresUrl(), 'sb_bench');
  const database = await openDatabase({ kind: 'postgres', url: throwaway.url });
  const timings = new Map<number, number[]>();
  try {
    await migrate(database);
    const api = apiOver(database, runtimeOn(fake.url), design === 'seed' ? SEED_BUDGETS : {}).api;
    let conversationId: string | undefined;
    let turn = 0;
    const send = async () => {
      turn += 1;
      const sent = await firstDelta(api, { conversationId, message: texts.text(SIMULATED.userTokens).content });
      conversationId = sent.conversationId;
      return sent.ms;
    };
    for (const checkpoint of checkpoints) {
      while (turn < checkpoint - 1) await send();
      Object.assign(latency, MODEL);
      const measured: number[] = [];
      for (let i = 0; i < samples; i += 1) measured.push(await send());
      Object.assign(latency, { latencyMs: 0, msPerThousandInputTokens: 0 });
      timings.set(checkpoint, measured);
    }
  } finally {
    await database.close();
    await throwaway.drop();
    await fake.close();
  }
  return timings;
}

/** The product's agents and runner on the fake server, as `npm start` builds them for a compatible server. */
export function runtimeOn(url: string) {
  const parsed = parseEnv({ OPENAI_BASE_URL: url, SWITCHBOARD_MODEL: 'bench-model' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const model = modelConfigFromEnv(parsed.env, { warn: () => {}, error: () => {} });
  if (!model.configured) throw new Error('the fake server should configure a model');
  return createAgentRuntime({ provider: model.provider, modelName: model.name, tools: { api: model.api } });
}

type Api = ReturnType<typeof apiOver>['api'];

/** One turn through `chat.stream`: ms from the call to the first `delta` event, and how it ended. */
export async function firstDelta(api: Api, input: { conversationId?: string; message: string }) {
  const startedAt = performance.now();
  let ms = Number.NaN;
  for await (const event of await api.chat.stream(input)) {
    if (event.type === 'delta' && Number.isNaN(ms)) ms = performance.now() - startedAt;
    if (event.type === 'error') throw new Error(`the turn failed: ${JSON.stringify(event)}`);
    if (event.type === 'done') return { ms, ...event };
  }
  throw new Error('the turn stream ended without a done event');
}

export function firstDeltaTable(result: FirstDelta): string {
  const ms = (s: Summary) => `${Math.round(s.p50)} / ${Math.round(s.p95)}`;
  return [
    `Model: ${result.model.latencyMs} ms + ${result.model.msPerThousandInputTokens} ms per 1,000 input tokens before its first chunk, per call; ${result.samplesPerTurn} turns timed from each`,
    table(
      ['from turn', 'ours p50 / p95 ms', 'seed p50 / p95 ms', 'seed ÷ ours (p50)'],
      result.figures.map((f) => [f.turn, ms(f.ours), ms(f.seed), `${f.seedOverOursP50}×`]),
    ),
  ].join('\n');
}

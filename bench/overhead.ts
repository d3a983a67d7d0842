// What Switchboard adds on top of the model: chat.send over HTTP against a bare SDK run() of the
// same agents on the same (fake, local) model, which runs in a process of its own. The bare run
// gets the conversation so far, as an SDK app that keeps one would pass it: what a longer input
// costs the SDK is not Switchboard's. The bare run is timed twice per sample: how far two
// identical runs differ is this machine's noise floor for the overhead's percentiles.
import { type AgentInputItem, assistant, OpenAIProvider, user } from '@openai/agents';
import { createAgentRuntime } from '../server/agents/runtime.ts';
import { type BenchDriver, postJson, startBenchApp } from './bench-app.ts';
import { startFakeModelProcess } from './fake-model-process.ts';
import { round, type Summary, summarize, table, time } from './stats.ts';

const QUESTION = 'How should I price my candles?';
const REPLY = 'Price the candles at 24 EUR: materials 6, labour 5, margin for wholesale at 50%. '.repeat(3);
const TURNS_PER_CONVERSATION = 5;

export type OverheadRow = {
  driver: BenchDriver;
  latencyMs: number;
  bare: Summary;
  app: Summary;
  ratioP50: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  /** Two identical bare runs, the second less the first: what the overhead's p99 cannot beat. */
  noiseP99Ms: number;
};

/** The input of a conversation's turn `exchanges + 1` as memory holds it: every message so far. */
function conversationSoFar(exchanges: number): AgentInputItem[] {
  const earlier = Array.from({ length: exchanges }, () => [user(QUESTION), assistant(REPLY.trim())]);
  return [...earlier.flat(), user(QUESTION)];
}

export async function runOverheadBench(options: { quick: boolean; drivers: BenchDriver[] }): Promise<OverheadRow[]> {
  const rows: OverheadRow[] = [];
  for (const latencyMs of [0, 50]) {
    const fake = await startFakeModelProcess({ expert: 'Strategic', reply: REPLY, options: { latencyMs } });
    const bare = createAgentRuntime({
      provider: new OpenAIProvider({ baseURL: fake.url, apiKey: 'bench', useResponses: false }),
      modelName: 'bench-model',
      tools: { api: 'chat_completions' },
    });
    const bareRun = (input: AgentInputItem[]) =>
      time(async () => {
        const stream = await bare.runner!.run(bare.team.orchestrator, input, { stream: true });
        for await (const _ of stream) void _;
        await stream.completed;
      });
    const samples = options.quick ? 10 : latencyMs === 0 ? 200 : 60;
    for (const driver of options.drivers) {
      const app = await startBenchApp(driver, fake.url);
      const bareTimes: number[] = [];
      const noise: number[] = [];
      const appTimes: number[] = [];
      let conversationId: string | undefined;
      for (let i = 0; i < samples + 5; i += 1) {
        const exchanges = i % TURNS_PER_CONVERSATION;
        const input = conversationSoFar(exchanges);
        const [bareMs] = await bareRun(input);
        const [againMs] = await bareRun(input);
        if (exchanges === 0) conversationId = undefined;
        const [appMs, response] = await time(() =>
          postJson(`${app.url}/api/trpc/chat.send`, { conversationId, message: QUESTION }),
        );
        if (response.status !== 200) throw new Error(`chat.send failed: ${JSON.stringify(response.json)}`);
        conversationId = response.json.result.data.conversationId;
        // The first few rounds warm the JIT and connection pools on both sides.
        if (i >= 5) {
          bareTimes.push(bareMs);
          noise.push(againMs - bareMs);
          appTimes.push(appMs);
        }
      }
      await app.dispose();
      const overheads = summarize(appTimes.map((t, i) => t - bareTimes[i]!));
      const bareSummary = summarize(bareTimes);
      const appSummary = summarize(appTimes);
      rows.push({
        driver,
        latencyMs,
        bare: bareSummary,
        app: appSummary,
        ratioP50: round(appSummary.p50 / bareSummary.p50),
        overheadP50Ms: round(overheads.p50),
        overheadP99Ms: round(overheads.p99),
        noiseP99Ms: round(summarize(noise).p99),
      });
    }
    await fake.close();
  }
  return rows;
}

export function overheadTable(rows: OverheadRow[]): string {
  return table(
    [
      'driver',
      'model latency',
      'bare p50/p95/p99 ms',
      'chat.send p50/p95/p99 ms',
      'ratio p50',
      'overhead p50/p99 ms',
      'bare vs bare p99 ms',
    ],
    rows.map((r) => [
      r.driver,
      `${r.latencyMs} ms/call`,
      [r.bare.p50, r.bare.p95, r.bare.p99].map((v) => round(v, 1)).join(' / '),
      [r.app.p50, r.app.p95, r.app.p99].map((v) => round(v, 1)).join(' / '),
      `${r.ratioP50}×`,
      `${r.overheadP50Ms} / ${r.overheadP99Ms}`,
      `${r.noiseP99Ms}`,
    ]),
  );
}

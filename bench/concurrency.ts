// Many conversations at once: throughput against the ideal set by the model's own latency, and
// against bare SDK runs at the same concurrency (the floor the agents themselves set on this CPU).
import { OpenAIProvider } from '@openai/agents';
import { createAgentRuntime } from '../server/agents/runtime.ts';
import { type BenchDriver, postJson, startBenchApp } from './bench-app.ts';
import { startFakeModelProcess } from './fake-model-process.ts';
import { round, table } from './stats.ts';

const MODEL_LATENCY_MS = 50;
const CALLS_PER_TURN = 2;

export type ConcurrencyRow = {
  driver: BenchDriver;
  conversations: number;
  turns: number;
  wallMs: number;
  idealMs: number;
  ofIdeal: number;
  bareSdkMs: number;
  ofBareSdk: number;
  failed: number;
};

/** `conversations` at once, each running `turns` one after another. */
async function concurrently(conversations: number, turns: number, turn: (conversation: number, t: number) => Promise<void>) {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      for (let t = 0; t < turns; t += 1) await turn(c, t);
    }),
  );
  return performance.now() - start;
}

export async function runConcurrencyBench(options: { quick: boolean; drivers: BenchDriver[] }): Promise<ConcurrencyRow[]> {
  const fake = await startFakeModelProcess({
    expert: 'Producing',
    reply: 'Week 1: order wax. Week 2: pour. Week 3: ship.',
    options: { latencyMs: MODEL_LATENCY_MS },
  });
  const bare = createAgentRuntime({
    provider: new OpenAIProvider({ baseURL: fake.url, apiKey: 'bench', useResponses: false }),
    modelName: 'bench-model',
    tools: { api: 'chat_completions' },
  });
  const turnsEach = options.quick ? 2 : 5;
  const levels = options.quick ? [1, 10] : [1, 10, 100];
  const bareMs = new Map<number, number>();
  for (const conversations of levels) {
    bareMs.set(
      conversations,
      await concurrently(conversations, turnsEach, async (_, t) => {
        const stream = await bare.runner!.run(bare.team.orchestrator, `Step ${t}?`, { stream: true });
        for await (const _event of stream) void _event;
        await stream.completed;
      }),
    );
  }
  const rows: ConcurrencyRow[] = [];
  for (const driver of options.drivers) {
    const app = await startBenchApp(driver, fake.url);
    for (const conversations of levels) {
      let failed = 0;
      const ids = new Map<number, string>();
      const wallMs = await concurrently(conversations, turnsEach, async (c, t) => {
        const { status, json } = await postJson(`${app.url}/api/trpc/chat.send`, {
          conversationId: ids.get(c),
          message: `Step ${t}?`,
        });
        if (status !== 200) failed += 1;
        else ids.set(c, json.result.data.conversationId);
      });
      // Conversations are independent, so the ideal is one conversation's model time.
      const idealMs = turnsEach * CALLS_PER_TURN * MODEL_LATENCY_MS;
      const bareSdkMs = bareMs.get(conversations)!;
      rows.push({
        driver,
        conversations,
        turns: conversations * turnsEach,
        wallMs: round(wallMs, 0),
        idealMs,
        ofIdeal: round(idealMs / wallMs),
        bareSdkMs: round(bareSdkMs, 0),
        ofBareSdk: round(bareSdkMs / wallMs),
        failed,
      });
    }
    await app.dispose();
  }
  await fake.close();
  return rows;
}

export function concurrencyTable(rows: ConcurrencyRow[]): string {
  const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
  return table(
    ['driver', 'conversations', 'turns', 'wall ms', 'ideal ms', 'of ideal', 'bare SDK ms', 'of bare SDK', 'failed'],
    rows.map((r) => [
      r.driver,
      r.conversations,
      r.turns,
      r.wallMs,
      r.idealMs,
      pct(r.ofIdeal),
      r.bareSdkMs,
      pct(r.ofBareSdk),
      r.failed,
    ]),
  );
}

// Many conversations at once: throughput against the ideal set by the model's own latency.
import { startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { fixedRoute } from '../tests/support/fixed-route.ts';
import { postJson, startBenchApp, type BenchDriver } from './bench-app.ts';
import { round, table } from './stats.ts';

const MODEL_LATENCY_MS = 50;
const CALLS_PER_TURN = 2;

export type ConcurrencyRow = { driver: BenchDriver; conversations: number; turns: number; wallMs: number; idealMs: number; ofIdeal: number; failed: number };

export async function runConcurrencyBench(options: { quick: boolean; drivers: BenchDriver[] }): Promise<ConcurrencyRow[]> {
  const fake = await startFakeOpenAI(fixedRoute('Producing', 'Week 1: order wax. Week 2: pour. Week 3: ship.'), {
    latencyMs: MODEL_LATENCY_MS,
  });
  const turnsEach = options.quick ? 2 : 5;
  const rows: ConcurrencyRow[] = [];
  for (const driver of options.drivers) {
    const app = await startBenchApp(driver, fake.url);
    for (const conversations of options.quick ? [1, 10] : [1, 10, 100]) {
      let failed = 0;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: conversations }, async () => {
          let conversationId: string | undefined;
          for (let t = 0; t < turnsEach; t += 1) {
            const { status, json } = await postJson(`${app.url}/api/trpc/chat.send`, { conversationId, message: `Step ${t}?` });
            if (status !== 200) failed += 1;
            else conversationId = json.result.data.conversationId;
          }
        }),
      );
      const wallMs = performance.now() - start;
      // Conversations are independent, so the ideal is one conversation's model time.
      const idealMs = turnsEach * CALLS_PER_TURN * MODEL_LATENCY_MS;
      rows.push({ driver, conversations, turns: conversations * turnsEach, wallMs: round(wallMs, 0), idealMs, ofIdeal: round(idealMs / wallMs), failed });
    }
    await app.dispose();
  }
  await fake.close();
  return rows;
}

export function concurrencyTable(rows: ConcurrencyRow[]): string {
  return table(
    ['driver', 'conversations', 'turns', 'wall ms', 'ideal ms', 'of ideal', 'failed'],
    rows.map((r) => [r.driver, r.conversations, r.turns, r.wallMs, r.idealMs, `${Math.round(r.ofIdeal * 100)}%`, r.failed]),
  );
}

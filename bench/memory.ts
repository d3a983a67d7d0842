// Memory benchmark: assembly time against conversation length, and model input tokens per turn
// against resending the whole history.   node bench/memory.ts [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type AssemblyResult, measureAssembly } from './memory-assembly.ts';
import { simulateTokens, type TokenSimulation } from './memory-tokens.ts';
import { SIMULATED } from './sample-text.ts';

/** `budget`: the product's default budget, used for the goals; `alsoBudgets`: token runs for comparison. */
export type MemoryBenchOptions = { quick?: boolean; budget?: number; alsoBudgets?: number[]; write?: boolean };

export type TokenRun = { budget: number } & TokenSimulation;

export type MemoryBenchResult = {
  name: 'memory';
  measuredAt: string;
  quick: boolean;
  budget: number;
  assembly: AssemblyResult;
  tokens: TokenRun[];
  goals: { assemblyAt10kWithin1_2x: boolean; inputAtTurn100AtLeast10xFewer: boolean };
};

const RESULTS = fileURLToPath(new URL('./results/memory.json', import.meta.url));

export async function runMemoryBench(options: MemoryBenchOptions = {}): Promise<MemoryBenchResult> {
  const quick = options.quick ?? false;
  const budget = options.budget ?? 8000;
  const assembly = await measureAssembly({ runs: quick ? 60 : 400, budget });
  const tokens: TokenRun[] = [];
  for (const b of [budget, ...(options.alsoBudgets ?? [4000])]) {
    tokens.push({ budget: b, ...(await simulateTokens({ turns: 100, budget: b, checkpoints: [10, 50, 100] })) });
  }
  const at10k = assembly.figures.find((f) => f.messages === 10_000)!;
  const result: MemoryBenchResult = {
    name: 'memory',
    measuredAt: new Date().toISOString(),
    quick,
    budget,
    assembly,
    tokens,
    goals: {
      assemblyAt10kWithin1_2x: at10k.ratio <= 1.2,
      inputAtTurn100AtLeast10xFewer: (tokens[0]!.figures.find((t) => t.turn === 100)?.ratio ?? 0) >= 10,
    },
  };
  if (options.write ?? true) {
    mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

export function formatMemoryBench(result: MemoryBenchResult): string {
  const ms = (n: number) => n.toFixed(3).padStart(8);
  const x = (n: number) => `${n.toFixed(2)}×`.padStart(8);
  const n = (value: number, width: number) => String(value).padStart(width);
  const lines = [
    `Memory: assembly time (PGlite, budget ${result.budget}, p50 over ${result.quick ? 'a quick run' : 'many runs'})`,
    '  conversation           window msgs   p50 ms   p95 ms   vs 10',
    ...result.assembly.figures.map(
      (f) => `  ${f.label.padEnd(22)} ${String(f.windowMessages).padStart(11)} ${ms(f.p50Ms)} ${ms(f.p95Ms)} ${x(f.ratio)}`,
    ),
    `  index on (conversation_id, seq): newest-first ${usesIndex(result.assembly.plans.newestFirst)}, oldest-first ${usesIndex(result.assembly.plans.oldestFirst)}`,
    '',
    "Memory: conversation tokens in a turn's model call vs resending the full history",
    `  (user messages ~${SIMULATED.userTokens} tokens, replies ~${SIMULATED.replyTokens}, summaries up to 25% of the budget)`,
    '  budget  turn  with memory  full history  fewer by  cumulative incl. summarizer      full  fewer by',
    ...result.tokens.flatMap(({ budget, figures }) =>
      figures.map(
        (t) =>
          `  ${String(budget).padStart(6)} ${String(t.turn).padStart(5)} ${n(t.memoryInput, 12)} ${n(t.fullHistoryInput, 13)} ${x(t.ratio)}  ` +
          `${n(t.cumulativeWithSummaries, 27)} ${n(t.cumulativeFullHistory, 9)} ${x(t.cumulativeRatio)}`,
      ),
    ),
    `  largest conversation part of any model call (Summarizer included): ${result.tokens
      .map((t) => `${t.largestCall} at budget ${t.budget}`)
      .join(', ')}`,
    '',
    `Goals: 10,000 messages within 1.2× of 10: ${yes(result.goals.assemblyAt10kWithin1_2x)}; ` +
      `turn 100 input ≥ 10× fewer at budget ${result.budget}: ${yes(result.goals.inputAtTurn100AtLeast10xFewer)}`,
  ];
  return lines.join('\n');
}

function usesIndex(plan: string[]): string {
  return plan.some((line) => line.includes('messages_conversation_id_seq_index')) ? 'yes' : 'NO';
}

const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runMemoryBench({ quick: process.argv.includes('--quick') });
  console.log(formatMemoryBench(result));
}

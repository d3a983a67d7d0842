// All benchmarks in one process run: `npm run bench` (add `-- --quick` for the short version CI
// runs). Prints tables and writes bench/results/latest.json. No network: the model is a local fake.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTracingDisabled } from '@openai/agents';
import { type BenchDriver, benchPostgresUrl, startBenchPostgres } from './bench-app.ts';
import { callTokensTable, measureCallTokens } from './call-tokens.ts';
import { concurrencyTable, runConcurrencyBench } from './concurrency.ts';
import { firstDeltaTable, runFirstDeltaBench } from './first-delta.ts';
import { runFootprintBench } from './footprint/footprint.ts';
import { footprintTable } from './footprint/footprint-table.ts';
import { runLiveWatchBench } from './live-watch.ts';
import { formatMemoryBench, runMemoryBench } from './memory.ts';
import { overheadTable, runOverheadBench } from './overhead.ts';
import { round, table } from './stats.ts';
import { runStreamingBench } from './streaming.ts';

setTracingDisabled(true);
const quick = process.argv.includes('--quick');
const drivers: BenchDriver[] = ['pglite', 'postgres'];
const postgres = await startBenchPostgres();
const started = performance.now();
const section = (title: string) => console.log(`\n## ${title}\n`);

console.log(
  `Switchboard benchmarks${quick ? ' (quick)' : ''}: ${cpus().length} cores, Node ${process.version}, drivers ${drivers.join(' + ')} (Postgres: ${postgres.source})`,
);

section('a. Overhead: chat.send over HTTP vs a bare run() of the same agents on the same model');
const overhead = await runOverheadBench({ quick, drivers });
console.log(overheadTable(overhead));

section('b. Memory');
const memory = await runMemoryBench({ quick });
console.log(formatMemoryBench(memory));

section(
  "b2. What each call reads: routing, expert and Summarizer calls against the seed's design, and the prefix a cache can serve",
);
const callTokens = await measureCallTokens({ turns: 100, budget: 8000, checkpoints: [3, 10, 50, 100] });
console.log(callTokensTable(callTokens));

section(
  "b3. Time to first delta when the model's start grows with input tokens: ours against the seed's design (the whole history to both calls)",
);
const firstDelta = await runFirstDeltaBench({ quick });
console.log(firstDeltaTable(firstDelta));

section('c. Concurrency: conversations at once, throughput against the ideal');
const concurrency = await runConcurrencyBench({ quick, drivers });
console.log(concurrencyTable(concurrency));

section("d. Streaming: model's first text chunk to the first SSE delta at the client");
const streaming = await runStreamingBench({ quick });
console.log(
  table(
    ['samples', 'p50 ms', 'p95 ms', 'p99 ms'],
    [[streaming.n, round(streaming.p50), round(streaming.p95), round(streaming.p99)]],
  ),
);

section('d2. Live turns: how far a watcher on instance B trails the turn streaming on instance A (one Postgres)');
const liveWatch = await runLiveWatchBench({ quick });
console.log(
  table(
    ['model word every', 'deltas', 'p50 ms', 'p95 ms', 'p99 ms'],
    [[`${liveWatch.wordDelayMs} ms`, liveWatch.n, round(liveWatch.p50), round(liveWatch.p95), round(liveWatch.p99)]],
  ),
);

section('e. Footprint and start of `npm start` (whole process tree) against Node + Agents SDK + PGlite alone');
const footprint = await runFootprintBench({ quick, postgresUrl: benchPostgresUrl() });
console.log(footprintTable(footprint));

const totalSeconds = round((performance.now() - started) / 1000, 1);
console.log(`\nTotal ${totalSeconds} s`);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(
  `${results}latest.json`,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), quick, cores: cpus().length, node: process.version, drivers, totalSeconds, overhead, memory, callTokens, firstDelta, concurrency, streaming, liveWatch, footprint }, null, 2)}\n`,
);
await postgres.stop();

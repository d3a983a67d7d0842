// All benchmarks in one process run: `npm run bench` (add `-- --quick` for the short version CI
// runs). Prints tables and writes bench/results/latest.json. No network: the model is a local fake.
import { setTracingDisabled } from '@openai/agents';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startBenchPostgres, type BenchDriver } from './bench-app.ts';
import { runColdStartBench } from './cold-start.ts';
import { concurrencyTable, runConcurrencyBench } from './concurrency.ts';
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

section('c. Concurrency: conversations at once, throughput against the ideal');
const concurrency = await runConcurrencyBench({ quick, drivers });
console.log(concurrencyTable(concurrency));

section("d. Streaming: model's first text chunk to the first SSE delta at the client");
const streaming = await runStreamingBench({ quick });
console.log(table(['samples', 'p50 ms', 'p95 ms', 'p99 ms'], [[streaming.n, round(streaming.p50), round(streaming.p95), round(streaming.p99)]]));

section('e. Cold start on PGlite (spawn → healthy): new data folder (initdb + migrations), then a restart');
const coldStart = await runColdStartBench({ quick });
console.log(
  table(
    ['', 'p50 ms', 'p95 ms'],
    [
      ['first start, new data folder', round(coldStart.firstStart.p50, 0), round(coldStart.firstStart.p95, 0)],
      ['restart on that folder', round(coldStart.restart.p50, 0), round(coldStart.restart.p95, 0)],
      ['node + tsx, empty script', round(coldStart.nodeFloor.p50, 0), round(coldStart.nodeFloor.p95, 0)],
    ],
  ),
);

const totalSeconds = round((performance.now() - started) / 1000, 1);
console.log(`\nTotal ${totalSeconds} s`);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(
  `${results}latest.json`,
  `${JSON.stringify({ measuredAt: new Date().toISOString(), quick, cores: cpus().length, node: process.version, drivers, totalSeconds, overhead, memory, concurrency, streaming, coldStart }, null, 2)}\n`,
);
await postgres.stop();

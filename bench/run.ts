// All benchmarks in one process run: `npm run bench` (add `-- --quick` for the short version CI
// runs, `-- --only a,b2` for some sections). Prints tables and, for a run of every section, writes
// bench/results/latest.json. No network: the model is a local fake.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTracingDisabled } from '@openai/agents';
import { type BenchDriver, benchPostgresUrl, startBenchPostgres } from './bench-app.ts';
import { callTokensTable, measureCallTokens } from './call-tokens.ts';
import { concurrencyTable, runConcurrencyBench } from './concurrency.ts';
import { firstDeltaTable, runFirstDeltaBench } from './first-delta.ts';
import { firstWordTable, runFirstWordBench } from './first-word-table.ts';
import { runFootprintBench } from './footprint/footprint.ts';
import { footprintTable } from './footprint/footprint-table.ts';
import { runUploadMemoryBench, uploadMemoryTable } from './footprint/upload-memory.ts';
import { latencyModelFrom } from './latency-model.ts';
import { runLiveWatchBench } from './live-watch.ts';
import { formatMemoryBench, runMemoryBench } from './memory.ts';
import { overheadTable, runOverheadBench } from './overhead.ts';
import { runSearchBench, searchTable } from './search.ts';
import { round, table } from './stats.ts';
import { runStreamingBench } from './streaming.ts';

setTracingDisabled(true);
const quick = process.argv.includes('--quick');
const SECTIONS = ['a', 'b', 'b2', 'b3', 'c', 'd', 'd2', 'e', 'e2', 'f', 's'];
// `--only a,c`: those sections alone, to iterate on one figure; latest.json keeps the last full run.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : null;
const unknown = only?.filter((key) => !SECTIONS.includes(key)) ?? [];
if (only && unknown.length) {
  console.error(`--only takes sections among ${SECTIONS.join(', ')}, comma-separated (got "${only.join(',')}")`);
  process.exit(2);
}
// The realistic model of section f: flags and env checked before anything starts.
const latencyModel = (() => {
  try {
    return latencyModelFrom(process.argv, process.env, quick);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const drivers: BenchDriver[] = ['pglite', 'postgres'];
const postgres = await startBenchPostgres();
const started = performance.now();

/** Runs and prints one section, unless `--only` leaves it out. */
async function section<T>(key: string, title: string, run: () => Promise<T>, show: (result: T) => string) {
  if (only && !only.includes(key)) return undefined;
  console.log(`\n## ${key}. ${title}\n`);
  const result = await run();
  console.log(show(result));
  return result;
}

console.log(
  `Switchboard benchmarks${quick ? ' (quick)' : ''}: ${cpus().length} cores, Node ${process.version}, drivers ${drivers.join(' + ')} (Postgres: ${postgres.source})`,
);

const overhead = await section(
  'a',
  'Overhead: chat.send over HTTP vs a bare run() of the same agents on the same model',
  () => runOverheadBench({ quick, drivers }),
  overheadTable,
);
const memory = await section('b', 'Memory', () => runMemoryBench({ quick }), formatMemoryBench);
const callTokens = await section(
  'b2',
  "What each call reads: routing, expert and Summarizer calls against the seed's design, and the prefix a cache can serve",
  () => measureCallTokens({ turns: 100, budget: 8000, checkpoints: [3, 10, 50, 100] }),
  callTokensTable,
);
const firstDelta = await section(
  'b3',
  "Time to first delta when the model's start grows with input tokens: ours against the seed's design (the whole history to both calls)",
  () => runFirstDeltaBench({ quick }),
  firstDeltaTable,
);
const concurrency = await section(
  'c',
  'Concurrency: conversations at once, throughput against the ideal',
  () => runConcurrencyBench({ quick, drivers }),
  concurrencyTable,
);
const streaming = await section(
  'd',
  "Streaming: model's first text chunk to the first SSE delta at the client",
  () => runStreamingBench({ quick }),
  (s) => table(['samples', 'p50 ms', 'p95 ms', 'p99 ms'], [[s.n, round(s.p50), round(s.p95), round(s.p99)]]),
);
const liveWatch = await section(
  'd2',
  'Live turns: how far a watcher on instance B trails the turn streaming on instance A (one Postgres)',
  () => runLiveWatchBench({ quick }),
  (w) =>
    table(
      ['model word every', 'deltas', 'p50 ms', 'p95 ms', 'p99 ms'],
      [[`${w.wordDelayMs} ms`, w.n, round(w.p50), round(w.p95), round(w.p99)]],
    ),
);
const footprint = await section(
  'e',
  'Footprint and start of `npm start` (whole process tree) against Node + Agents SDK + PGlite alone',
  () => runFootprintBench({ quick, postgresUrl: benchPostgresUrl() }),
  footprintTable,
);
const uploadMemory = await section(
  'e2',
  'Memory of `npm start` around 18 MB uploads: idle, peak, and settled after one and after four',
  () => runUploadMemoryBench({ postgresUrl: benchPostgresUrl() }),
  uploadMemoryTable,
);
const search = await section(
  's',
  'Conversation search at 20,000 messages: conversations.list({ query }) end to end, and the plan of its ranked page',
  () => runSearchBench({ quick, drivers }),
  searchTable,
);

const firstWord = await section(
  'f',
  "The wait a user feels on a realistic model: first delta of every turn of one conversation against a direct expert call, the router's output, cost per turn against the cached seed",
  () => runFirstWordBench({ quick, drivers, model: latencyModel }),
  firstWordTable,
);

const totalSeconds = round((performance.now() - started) / 1000, 1);
console.log(`\nTotal ${totalSeconds} s`);
if (!only) {
  const results = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  writeFileSync(
    `${results}latest.json`,
    `${JSON.stringify({ measuredAt: new Date().toISOString(), quick, cores: cpus().length, node: process.version, drivers, totalSeconds, overhead, memory, callTokens, firstDelta, concurrency, streaming, liveWatch, footprint, uploadMemory, firstWord, search }, null, 2)}\n`,
  );
}
await postgres.stop();

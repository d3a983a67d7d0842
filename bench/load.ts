// Load: 100 conversations x 10 turns at once against a local fake model with 200 ms latency, on
// PGlite, on Postgres, and with two instances on one Postgres. Loopback only, bounded in count and
// time. `node bench/load.ts [--quick]`; Postgres as in bench-app.ts (TEST_DATABASE_URL or embedded).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { echoTurns, startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { type ServerProcess, startServer } from '../tests/support/server-process.ts';
import { createThrowawayDatabase } from '../tests/support/throwaway-database.ts';
import { benchPostgresUrl, startBenchPostgres } from './bench-app.ts';
import { driveConversations, verifyConversations } from './load-client.ts';

export type LoadSetup = 'pglite' | 'postgres' | 'postgres-2-instances';

export type LoadOptions = {
  conversations: number;
  turns: number;
  modelLatencyMs: number;
  /** Stops starting turns after this long; each request also has its own timeout. */
  timeLimitMs: number;
  setups: LoadSetup[];
  /** Lock connections per instance (one per running turn): Postgres allows ~100 in all. */
  lockPoolSize: number;
};

export type LoadReport = {
  setup: LoadSetup;
  turns: number;
  failed: number;
  wallMs: number;
  throughput: number;
  idealThroughput: number;
  p50OverheadMs: number;
  p99OverheadMs: number;
  lost: number;
  duplicated: number;
};

const MODEL_CALLS_PER_TURN = 2; // the Orchestrator's handoff, then the expert's answer

export const FULL: LoadOptions = {
  conversations: 100,
  turns: 10,
  modelLatencyMs: 200,
  timeLimitMs: 180_000,
  setups: ['pglite', 'postgres', 'postgres-2-instances'],
  lockPoolSize: 30,
};
export const QUICK: LoadOptions = { ...FULL, conversations: 10, turns: 3, timeLimitMs: 60_000 };

export async function runLoad(options: LoadOptions): Promise<LoadReport[]> {
  const reports: LoadReport[] = [];
  const postgres = await startBenchPostgres();
  try {
    for (const setup of options.setups) reports.push(await runSetup(setup, options));
  } finally {
    await postgres.stop();
  }
  return reports;
}

async function runSetup(setup: LoadSetup, options: LoadOptions): Promise<LoadReport> {
  const fake = await startFakeOpenAI(echoTurns(), { latencyMs: options.modelLatencyMs });
  const postgres = setup === 'pglite' ? undefined : await createThrowawayDatabase(benchPostgresUrl(), 'sb_load');
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-load-'));
  const env = {
    ...(postgres ? { DATABASE_URL: postgres.url } : { SWITCHBOARD_DATA_DIR: dataDir }),
    DATABASE_LOCK_POOL_SIZE: String(options.lockPoolSize),
    OPENAI_BASE_URL: fake.url,
    SWITCHBOARD_MODEL: 'fake-model',
  };
  const servers: ServerProcess[] = [];
  try {
    servers.push(await startServer(env));
    if (setup === 'postgres-2-instances') servers.push(await startServer(env));
    const urls = servers.map((server) => server.url);
    const run = await driveConversations({ ...options, urls, deadline: Date.now() + options.timeLimitMs });
    const { lost, duplicated } = await verifyConversations(urls[0]!, run);
    const modelMs = MODEL_CALLS_PER_TURN * options.modelLatencyMs;
    const ok = run.samples.filter((s) => s.ok);
    const overheads = ok.map((s) => s.latencyMs - modelMs).sort((a, b) => a - b);
    return {
      setup,
      turns: ok.length,
      failed: run.samples.length - ok.length,
      wallMs: Math.round(run.wallMs),
      throughput: round(ok.length / (run.wallMs / 1000)),
      // Every conversation's turns are sequential, all conversations at once: model time bounds it.
      idealThroughput: round(options.conversations / (modelMs / 1000)),
      p50OverheadMs: Math.round(percentile(overheads, 0.5)),
      p99OverheadMs: Math.round(percentile(overheads, 0.99)),
      lost,
      duplicated,
    };
  } finally {
    for (const server of servers) await server.stop();
    await fake.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export function formatReports(reports: LoadReport[]): string {
  const rows = reports.map((r) =>
    [
      r.setup,
      r.turns,
      r.failed,
      (r.wallMs / 1000).toFixed(1),
      r.throughput,
      r.idealThroughput,
      `${Math.round((100 * r.throughput) / r.idealThroughput)}%`,
      r.p50OverheadMs,
      r.p99OverheadMs,
      r.lost,
      r.duplicated,
    ].join(' | '),
  );
  const header =
    'setup | turns ok | failed | wall s | turns/s | ideal turns/s | of ideal | p50 overhead ms | p99 overhead ms | lost | duplicated';
  return [header, ...rows].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = process.argv.includes('--quick') ? QUICK : FULL;
  const reports = await runLoad(options);
  console.log(formatReports(reports));
  process.exitCode = reports.some((r) => r.lost || r.duplicated) ? 1 : 0;
}

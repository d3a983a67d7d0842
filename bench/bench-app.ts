// Starts the real app in-process (HTTP, migrations, agents) against a fake model, for benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, startApp } from '../server/app.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { startTestPostgres, type TestPostgres } from '../tests/support/test-postgres.ts';
import { createThrowawayDatabase } from '../tests/support/throwaway-database.ts';

export type BenchDriver = 'pglite' | 'postgres';

export async function startBenchApp(
  driver: BenchDriver,
  modelUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<App & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const throwaway = driver === 'postgres' ? await createThrowawayDatabase(benchPostgresUrl(), 'sb_bench') : undefined;
  const databaseUrl = throwaway?.url;
  const parsed = parseEnv({
    PORT: '0',
    OPENAI_BASE_URL: modelUrl,
    SWITCHBOARD_MODEL: 'bench-model',
    SWITCHBOARD_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ...extraEnv,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const app = await startApp(parsed.env, createLogger('silent'));
  return {
    ...app,
    async dispose() {
      await app.close();
      await throwaway?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The Postgres benchmarks make throwaway databases in (never using its own database):
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, else an embedded one started for this run. Sets
 * BENCH_DATABASE_URL for this process and the servers it starts; `stop()` when done.
 */
export async function startBenchPostgres(): Promise<TestPostgres> {
  const postgres = await startTestPostgres({
    TEST_DATABASE_URL: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL,
  });
  process.env.BENCH_DATABASE_URL = postgres.url;
  return postgres;
}

export function benchPostgresUrl(): string {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error('startBenchPostgres() first');
  return url;
}

const keepAlive = new Agent({ keepAlive: true });

/**
 * POSTs JSON over a kept-alive `node:http` connection. Not `fetch`: its web streams cost this
 * process ~0.3 ms a request, counted against the server it shares the process with.
 */
// biome-ignore lint/suspicious/noExplicitAny: benches read the fields they asked for from their own server.
export function postJson(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const payload = Buffer.from(JSON.stringify(body));
  const headers = { 'content-type': 'application/json', 'content-length': payload.length };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: keepAlive, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

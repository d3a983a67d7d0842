// Cold start on PGlite: spawn to the first healthy /api/health, on a new data folder (PGlite's
// initdb and our migrations) and again on that folder (a restart), against the floor of starting
// Node with tsx and nothing else.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/support/server-process.ts';
import { summarize, type Summary } from './stats.ts';

export type ColdStart = { firstStart: Summary; restart: Summary; nodeFloor: Summary };

async function timeToHealthy(dataDir: string): Promise<number> {
  const start = performance.now();
  const running = await startServer({ SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  const health = await fetch(`${running.url}/api/health`);
  if (!health.ok) throw new Error(`health answered ${health.status}`);
  const elapsed = performance.now() - start;
  await running.stop();
  return elapsed;
}

export async function runColdStartBench(options: { quick: boolean }): Promise<ColdStart> {
  const runs = options.quick ? 1 : 5;
  const firstStart: number[] = [];
  const restart: number[] = [];
  const nodeFloor: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const floorStart = performance.now();
    spawnSync(process.execPath, ['--import', 'tsx', '-e', '0']);
    nodeFloor.push(performance.now() - floorStart);

    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-cold-'));
    firstStart.push(await timeToHealthy(dataDir));
    restart.push(await timeToHealthy(dataDir));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { firstStart: summarize(firstStart), restart: summarize(restart), nodeFloor: summarize(nodeFloor) };
}

// Cold start on PGlite, migrations included: process spawn to the first healthy /api/health,
// against the floor of starting Node with tsx and nothing else.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tests/support/server-process.ts';
import { summarize, type Summary } from './stats.ts';

export async function runColdStartBench(options: { quick: boolean }): Promise<{ server: Summary; nodeFloor: Summary }> {
  const runs = options.quick ? 2 : 7;
  const server: number[] = [];
  const nodeFloor: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const floorStart = performance.now();
    spawnSync(process.execPath, ['--import', 'tsx', '-e', '0']);
    nodeFloor.push(performance.now() - floorStart);

    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-cold-'));
    const start = performance.now();
    const running = await startServer({ SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const health = await fetch(`${running.url}/api/health`);
    if (!health.ok) throw new Error(`health answered ${health.status}`);
    server.push(performance.now() - start);
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { server: summarize(server), nodeFloor: summarize(nodeFloor) };
}

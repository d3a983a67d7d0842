// Footprint of `npm start`: resident memory of its whole process tree idle (PGlite and Postgres) and
// after many turns, and its start time on a new and an existing data folder, each against the floor
// of a bare Node process that imports the Agents SDK and opens PGlite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClientIfStale } from '../../scripts/client-build.mjs';
import { buildIfStale } from '../../scripts/server-build.mjs';
import { startFakeOpenAI } from '../../tests/support/fake-openai.ts';
import { fixedRoute } from '../../tests/support/fixed-route.ts';
import { createThrowawayDatabase } from '../../tests/support/throwaway-database.ts';
import { postJson } from '../bench-app.ts';
import { percentile, round } from '../stats.ts';
import { type Launched, launchFloor, launchNpmStart } from './launch.ts';
import { processTree, treeRssMb } from './process-tree.ts';

const REPLY = 'Price the candles at 24 EUR: materials 6, labour 5, margin for wholesale at 50%. '.repeat(3);
const TURNS_PER_CONVERSATION = 10;

/** Milliseconds to ready and idle resident MB of the whole tree, medians over the runs. */
export type Starts = { newMs: number; restartMs: number; idleNewMb: number; idleMb: number };
/** `firstTurnMs`: the first chat.send after start (it loads what only a turn needs); `turnMs`: p50 of the others. */
export type TurnsRun = { turns: number; idleMb: number; afterMb: number; firstTurnMs: number; turnMs: number };
export type Footprint = {
  runs: number;
  settleMs: number;
  floor: Starts;
  pglite: Starts & { processes: string[] };
  postgres?: { idleMb: number; processes: string[] };
  turns: { pglite: TurnsRun; postgres?: TurnsRun };
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => round(percentile(values, 50), 1);
const tempDir = () => mkdtempSync(join(tmpdir(), 'switchboard-footprint-'));

async function settledRss(launched: Launched, settleMs: number): Promise<{ mb: number; processes: string[] }> {
  await pause(settleMs);
  const tree = processTree(launched.pid);
  return { mb: treeRssMb(tree), processes: tree.map((p) => `${p.command} (${Math.round(p.rssMb)} MB)`) };
}

async function measureStarts(launch: (dataDir: string) => Promise<Launched>, runs: number, settleMs: number) {
  const samples = { newMs: [] as number[], restartMs: [] as number[], idleNewMb: [] as number[], idleMb: [] as number[] };
  let processes: string[] = [];
  const dataDirs: string[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dataDir = tempDir();
    dataDirs.push(dataDir);
    for (const key of ['new', 'restart'] as const) {
      const launched = await launch(dataDir);
      const idle = await settledRss(launched, settleMs);
      await launched.stop();
      samples[key === 'new' ? 'newMs' : 'restartMs'].push(launched.readyMs);
      samples[key === 'new' ? 'idleNewMb' : 'idleMb'].push(idle.mb);
      if (key === 'restart') processes = idle.processes;
    }
  }
  const starts: Starts = {
    newMs: median(samples.newMs),
    restartMs: median(samples.restartMs),
    idleNewMb: median(samples.idleNewMb),
    idleMb: median(samples.idleMb),
  };
  // The caller may go on with the last folder (an existing one), then removes them all.
  return {
    starts,
    processes,
    lastDataDir: dataDirs.at(-1)!,
    dispose: () => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  };
}

async function measureTurns(env: Record<string, string>, turns: number, settleMs: number): Promise<TurnsRun> {
  const fake = await startFakeOpenAI(fixedRoute('Strategic', REPLY));
  const launched = await launchNpmStart({ ...env, OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'bench-model' });
  try {
    const idle = await settledRss(launched, settleMs);
    let conversationId: string | undefined;
    const times: number[] = [];
    for (let i = 0; i < turns; i += 1) {
      if (i % TURNS_PER_CONVERSATION === 0) conversationId = undefined;
      const sent = performance.now();
      const response = await postJson(`${launched.url}/api/trpc/chat.send`, {
        conversationId,
        message: `How should I price candle set ${i}?`,
      });
      if (response.status !== 200) throw new Error(`chat.send failed: ${JSON.stringify(response.json)}`);
      conversationId = response.json.result.data.conversationId;
      times.push(performance.now() - sent);
    }
    const after = await settledRss(launched, settleMs);
    return {
      turns,
      idleMb: round(idle.mb, 1),
      afterMb: round(after.mb, 1),
      firstTurnMs: round(times[0]!, 1),
      turnMs: median(times.slice(1)),
    };
  } finally {
    await launched.stop();
    await fake.close();
  }
}

export async function runFootprintBench(options: { quick: boolean; postgresUrl?: string }): Promise<Footprint> {
  const runs = options.quick ? 1 : 3;
  const settleMs = options.quick ? 1_000 : 5_000;
  const turns = options.quick ? 20 : 500;
  // The first `npm start` after a change builds the client and the server: time starts, not builds.
  if (buildClientIfStale() !== 0) throw new Error('the web client did not build');
  await buildIfStale();
  const floor = await measureStarts(launchFloor, runs, settleMs);
  floor.dispose();
  const pglite = await measureStarts((dataDir) => launchNpmStart({ SWITCHBOARD_DATA_DIR: dataDir }), runs, settleMs);
  const pgliteTurns = await measureTurns({ SWITCHBOARD_DATA_DIR: pglite.lastDataDir }, turns, settleMs).finally(pglite.dispose);
  const result: Footprint = {
    runs,
    settleMs,
    floor: floor.starts,
    pglite: { ...pglite.starts, processes: pglite.processes },
    turns: { pglite: pgliteTurns },
  };

  if (options.postgresUrl) {
    const database = await createThrowawayDatabase(options.postgresUrl, 'sb_bench');
    try {
      const launched = await launchNpmStart({ DATABASE_URL: database.url });
      const idle = await settledRss(launched, settleMs);
      await launched.stop();
      result.postgres = { idleMb: round(idle.mb, 1), processes: idle.processes };
      result.turns.postgres = await measureTurns({ DATABASE_URL: database.url }, turns, settleMs);
    } finally {
      await database.drop();
    }
  }
  return result;
}

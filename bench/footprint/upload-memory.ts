// Resident memory of `npm start` around 18 MB uploads: idle, the peak while one is stored, and
// once settled after the first and after the fourth. Settled is read after the upload's reader
// worker has stopped (it stops 10 s after its last file), so what stays is what the server keeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThrowawayDatabase } from '../../tests/support/throwaway-database.ts';
import { round, table } from '../stats.ts';
import { launchNpmStart } from './launch.ts';
import { processTree, treeRssMb } from './process-tree.ts';

const UPLOAD_BYTES = 18 * 1024 * 1024;
const UPLOADS = 4;
const SETTLE_MS = 12_000;
const SAMPLE_MS = 100;

export type UploadMemory = { idleMb: number; peakMb: number; afterOneMb: number; afterAllMb: number; uploadMs: number };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function bigText(): string {
  const line = Array.from({ length: 12 }, (_, i) => `word${i} candle wax supplier`).join(' ');
  return Array.from({ length: Math.ceil(UPLOAD_BYTES / (line.length + 8)) }, (_, i) => `${i} ${line}`).join('\n');
}

async function measure(env: Record<string, string>): Promise<UploadMemory> {
  const launched = await launchNpmStart(env);
  try {
    const rss = () => treeRssMb(processTree(launched.pid));
    await pause(SETTLE_MS);
    const idleMb = rss();
    let peakMb = idleMb;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, rss());
    }, SAMPLE_MS);
    const text = bigText();
    const settled: number[] = [];
    let uploadMs = 0;
    try {
      for (let i = 1; i <= UPLOADS; i += 1) {
        const form = new FormData();
        form.append('file', new Blob([text]), `notes-${i}.txt`);
        const started = performance.now();
        const response = await fetch(`${launched.url}/api/files`, { method: 'POST', body: form });
        if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
        uploadMs += performance.now() - started;
        const { url } = (await response.json()) as { url: string };
        await (await fetch(`${launched.url}${url}`)).arrayBuffer();
        if (i === 1 || i === UPLOADS) {
          await pause(SETTLE_MS);
          settled.push(rss());
        }
      }
    } finally {
      clearInterval(sampler);
    }
    return {
      idleMb: round(idleMb, 1),
      peakMb: round(peakMb, 1),
      afterOneMb: round(settled[0]!, 1),
      afterAllMb: round(settled[1]!, 1),
      uploadMs: round(uploadMs / UPLOADS, 0),
    };
  } finally {
    await launched.stop();
  }
}

export async function runUploadMemoryBench(options: { postgresUrl?: string }): Promise<Record<string, UploadMemory>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-uploads-'));
  const result: Record<string, UploadMemory> = {};
  try {
    result.pglite = await measure({ SWITCHBOARD_DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (options.postgresUrl) {
    const database = await createThrowawayDatabase(options.postgresUrl, 'sb_bench');
    try {
      result.postgres = await measure({ DATABASE_URL: database.url });
    } finally {
      await database.drop();
    }
  }
  return result;
}

export function uploadMemoryTable(result: Record<string, UploadMemory>): string {
  const mb = (value: number) => `${Math.round(value)} MB`;
  const rows = Object.entries(result).map(([driver, m]) => [
    driver,
    mb(m.idleMb),
    mb(m.peakMb),
    `${mb(m.afterOneMb)} (+${Math.round(m.afterOneMb - m.idleMb)})`,
    `${mb(m.afterAllMb)} (+${Math.round(m.afterAllMb - m.idleMb)})`,
    `${round(m.uploadMs / 1000, 1)} s`,
  ]);
  return [
    table(['driver', 'idle', 'peak', 'after 1 upload', `after ${UPLOADS} uploads`, 'upload (mean)'], rows),
    `\nResident memory of the whole \`npm start\` tree; each upload an ${UPLOAD_BYTES / 1024 / 1024} MB text file, downloaded back; "after" read ${SETTLE_MS / 1000} s after the upload.`,
  ].join('\n');
}

// The idle server's heap, summarised: start the bundle `npm start` runs (building it when stale),
// write a heap snapshot, and list what retains the most (dominator tree).
// `node bench/footprint/heap-summary.ts [--postgres]`; the snapshot goes to a temporary folder and
// is deleted.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../scripts/server-build.mjs';
import { dominators } from './dominators.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dir = mkdtempSync(join(tmpdir(), 'switchboard-heap-'));
const env: Record<string, string | undefined> = { PATH: process.env.PATH, PORT: '0', SWITCHBOARD_DATA_DIR: join(dir, 'data') };
if (process.argv.includes('--postgres')) env.DATABASE_URL = process.env.TEST_DATABASE_URL;

const bundle = await buildIfStale();
const child = spawn(
  process.execPath,
  ['--max-semi-space-size=4', `--diagnostic-dir=${dir}`, '--heapsnapshot-signal=SIGUSR2', bundle],
  { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
);
let output = '';
child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
while (!output.includes('"url"')) await pause(200);
await pause(5_000);
const rssMb = Number(readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)![1]) / 1024;
child.kill('SIGUSR2');
let file = '';
for (let last = -1; ; await pause(1_000)) {
  file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot')) ?? '';
  const size = file ? statSync(join(dir, file)).size : -1;
  if (size > 0 && size === last) break;
  last = size;
}
child.kill('SIGTERM');

const snapshot = JSON.parse(readFileSync(join(dir, file), 'utf8'));
rmSync(dir, { recursive: true, force: true });
const { nodes, strings, retained, idom, fields } = dominators(snapshot);
const types: string[] = snapshot.snapshot.meta.node_types[0];
const field = (i: number, offset: number) => nodes[i * fields.count + offset]!;
const label = (i: number) => `${types[field(i, fields.type)]} ${String(strings[field(i, fields.name)]).slice(0, 60)}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

console.log(`RSS ${rssMb.toFixed(0)} MB; V8 heap in the snapshot ${mb(retained[0]!)}`);
const byType = new Map<string, number>();
for (let i = 0; i < retained.length; i += 1) {
  const type = types[field(i, fields.type)]!;
  byType.set(type, (byType.get(type) ?? 0) + field(i, fields.size));
}
console.log(
  'Self size by node type:',
  [...byType]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([t, s]) => `${t} ${mb(s)}`)
    .join(', '),
);
// The biggest retainers below the synthetic roots, each with the chain that holds it.
const ranked = [...retained.keys()]
  .filter((i) => i > 0 && !label(i).startsWith('synthetic'))
  .sort((a, b) => retained[b]! - retained[a]!);
const shown = new Set<number>();
for (const i of ranked) {
  if (shown.size >= 15) break;
  let holder = idom[i]!;
  while (holder > 0 && !shown.has(holder)) holder = idom[holder]!;
  if (holder > 0) continue; // inside one already listed
  shown.add(i);
  const chain = [idom[i]!, idom[idom[i]!]!]
    .filter((h) => h > 0)
    .map(label)
    .join(' ← ');
  console.log(`${mb(retained[i]!).padStart(9)}  ${label(i)}${chain ? `  (held by ${chain})` : ''}`);
}

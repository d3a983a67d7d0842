// `npm start`: builds the web client when it is missing or older than its sources, then runs the
// server in this same process (Node strips the TypeScript types itself), so one Node process stays
// resident and no transpiler runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

if (!process.features.typescript) {
  console.error(`Switchboard needs Node 22.18 or newer (it runs its TypeScript with Node's own type stripping); this is Node ${process.versions.node}.`);
  process.exit(1);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(built) || newestMtime(join(root, 'client')) > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the web client…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

await import('../server/index.ts');

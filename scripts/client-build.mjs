// Builds the web client into dist/ when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newest-mtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'index.html');

/** Returns the build's exit status (0 when nothing needed building). */
export function buildClientIfStale() {
  if (existsSync(built) && newestMtime([join(root, 'client')]) <= statSync(built).mtimeMs) return 0;
  console.log('Building the web client…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return build.status ?? 1;
}

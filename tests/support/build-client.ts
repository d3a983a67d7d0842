// Vitest globalSetup: builds the SPA once when dist/ is missing or older than its sources, so
// browser tests always run against the client in this tree.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const builtIndex = join(root, 'dist', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export default async function buildClient(): Promise<void> {
  const sources = Math.max(newestMtime(join(root, 'client')), newestMtime(join(root, 'vite.config.ts')));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sources) return;
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

// `npm start` as a user runs it: one Node process serves the app under npm, with no transpiler and
// no launcher process left beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type Launched, launchNpmStart } from '../../bench/footprint/launch.ts';
import { processTree } from '../../bench/footprint/process-tree.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-npm-start-'));
let launched: Launched | undefined;
afterAll(async () => {
  await launched?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('serves the app from one Node process that runs the TypeScript without tsx', { timeout: 120_000 }, async () => {
  launched = await launchNpmStart({ SWITCHBOARD_DATA_DIR: dataDir });
  const health = await (await fetch(`${launched.url}/api/health`)).json();
  expect(health).toMatchObject({ ok: true, database: 'pglite' });

  const [npm, ...started] = processTree(launched.pid);
  expect(npm!.command).toMatch(/npm/);
  expect(started).toHaveLength(1);
  expect(started[0]!.command).toMatch(/^\S*node\b.* scripts\/start\.mjs$/);
  expect(started[0]!.command).not.toMatch(/tsx/);
});

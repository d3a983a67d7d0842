// `npm start` as a user runs it: one Node process serves the app under npm from the server's bundle
// (rebuilt when a source changed), with no transpiler and no launcher process left beside it.
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { type Launched, launchNpmStart } from '../../bench/footprint/launch.ts';
import { processTree } from '../../bench/footprint/process-tree.ts';
import { newestMtime } from '../../scripts/newest-mtime.mjs';
import { serverBuild } from '../../scripts/server-build.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-npm-start-'));
let launched: Launched | undefined;
afterAll(async () => {
  await launched?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('serves the app from one Node process that runs the server bundle, without tsx', { timeout: 120_000 }, async () => {
  // As after an edit: the bundle is older than the sources, so this start rebuilds it first.
  const bundle = join(serverBuild.outdir, 'index.js');
  if (existsSync(bundle)) utimesSync(bundle, new Date(0), new Date(0));
  launched = await launchNpmStart({ SWITCHBOARD_DATA_DIR: dataDir });
  expect(launched.output()).toMatch(/Building the server…/);
  const health = await (await fetch(`${launched.url}/api/health`)).json();
  expect(health).toMatchObject({ ok: true, database: 'pglite' });

  const [npm, ...started] = processTree(launched.pid);
  expect(npm!.command).toMatch(/npm/);
  expect(started).toHaveLength(1);
  expect(started[0]!.command).toMatch(/^\S*node\b.* scripts\/start\.mjs$/);
  expect(started[0]!.command).not.toMatch(/tsx/);

  // It ran a bundle no older than the sources, and the bundle finds the migrations (health is ok
  // on a new data folder) and the built client next to the sources, not next to itself.
  expect(statSync(bundle).mtimeMs).toBeGreaterThanOrEqual(newestMtime(serverBuild.sources));
  const page = await fetch(`${launched.url}/`);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(await page.text()).toMatch(/<title>Switchboard<\/title>/);

  // SIGTERM (a service manager; Ctrl-C sends SIGINT the same way) reaches the server through npm,
  // which stops gracefully and closes the data folder.
  const server = started[0]!.pid;
  expect(await launched.stop()).toBe(0);
  expect(launched.output()).toMatch(/"msg":"stopping"/);
  expect(processTree(server)).toEqual([]);
});

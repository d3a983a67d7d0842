// `npm start` runs a bundle of the server: a source saved since the last build must be in the next
// start, an unchanged tree must not be rebuilt, and a broken source must not replace a working bundle.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { buildIfStale } from '../../scripts/server-build.mjs';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-server-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const src = join(dir, 'src');
mkdirSync(src);
const options = { entry: join(src, 'main.ts'), outdir: join(dir, 'build', 'server'), sources: [src] };

let edits = 0;
/** Writes a source file as an editor does (dated now: after any build that finished before). */
function save(name: string, text: string) {
  writeFileSync(join(src, name), text);
  edits += 1;
}

async function run(): Promise<{ value: string; here: string }> {
  const built = await buildIfStale(options);
  return import(`${pathToFileURL(built).href}?v=${statSync(built).mtimeMs}-${edits}`);
}

save('value.ts', "export const value: string = 'first';\n");
save('main.ts', "export { value } from './value.ts';\nexport const here = import.meta.url;\n");

it('bundles the sources, and each module still finds files next to its own source', async () => {
  const bundle = await run();
  expect(bundle.value).toBe('first');
  expect(bundle.here).toBe(pathToFileURL(join(src, 'main.ts')).href);
});

it('does not rebuild an unchanged tree', async () => {
  const built = await buildIfStale(options);
  const before = statSync(built).mtimeMs;
  await buildIfStale(options);
  expect(statSync(built).mtimeMs).toBe(before);
});

it('rebuilds after a source is edited or added', async () => {
  save('value.ts', "export const value: string = 'edited';\n");
  expect((await run()).value).toBe('edited');

  save('other.ts', "export const value = 'added';\n");
  save('main.ts', "export { value } from './other.ts';\nexport const here = import.meta.url;\n");
  expect((await run()).value).toBe('added');
});

it('keeps the working bundle when a source does not compile', async () => {
  save('main.ts', 'export const value = ;\n');
  await expect(buildIfStale(options)).rejects.toThrow();
  expect((await import(pathToFileURL(join(options.outdir, 'index.js')).href)).value).toBe('added');
  expect(readdirSync(join(dir, 'build'))).toEqual(['server']); // no half-built folder left behind
  expect(existsSync(join(options.outdir, 'index.js'))).toBe(true);
});

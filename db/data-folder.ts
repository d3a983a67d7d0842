// PGlite's folder, made ready before PGlite touches it: created if missing, locked for this
// process, and any reason it cannot be used told in one sentence instead of a file-system stack.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DataFolderLock, DataFolderProblem, lockDataFolder } from './data-folder-lock.ts';

const REASONS: Record<string, string> = {
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'part of its path is a file, not a folder',
  EACCES: 'this user may not write there',
  EPERM: 'this user may not write there',
  EROFS: 'it is on a read-only file system',
  ENOSPC: 'the disk is full',
};

export async function openDataFolder(dir: string): Promise<DataFolderLock> {
  const path = resolve(dir);
  try {
    mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK | constants.X_OK);
    return await lockDataFolder(path);
  } catch (error) {
    const reason = REASONS[(error as NodeJS.ErrnoException).code ?? ''];
    if (!reason) throw error;
    throw new DataFolderProblem(
      `The data folder ${path} cannot be used: ${reason}. Set SWITCHBOARD_DATA_DIR to a folder this user can write.`,
      { cause: error },
    );
  }
}

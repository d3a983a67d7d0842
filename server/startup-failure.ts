// Why the server could not start, in one sentence for the person who started it; null when the
// failure is unexpected, and its details are logged instead.
import { DataFolderProblem } from '../db/data-folder-lock.ts';
import type { Env } from './env.ts';

type Coded = { code?: string; syscall?: string; hostname?: string; cause?: unknown };

const POSTGRES_REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at its address',
  ENOTFOUND: 'its host name is unknown',
  EAI_AGAIN: 'its host name is unknown',
  ETIMEDOUT: 'it does not answer',
  EHOSTUNREACH: 'its host cannot be reached',
  '28P01': 'the user name or password is wrong',
  '28000': 'that user may not connect',
  '3D000': 'that database does not exist',
};

export function startupSentence(error: unknown, env: Env): string | null {
  if (error instanceof DataFolderProblem) return error.message;
  const failure = codedIn(error);
  if (!failure) return null;
  const { code, syscall, hostname } = failure;
  if (syscall === 'listen' && code === 'EADDRINUSE')
    return `Port ${env.PORT} on ${env.HOST} is already in use (by another Switchboard, or another program): stop that one, or set PORT to a free port.`;
  if (syscall === 'listen' && code === 'EACCES')
    return `This user may not listen on port ${env.PORT}: set PORT to a port above 1023.`;
  if ((syscall === 'listen' && code === 'EADDRNOTAVAIL') || (syscall === 'getaddrinfo' && hostname === env.HOST))
    return `HOST ${env.HOST} is not an address of this machine: set HOST to one of its addresses (127.0.0.1 by default).`;
  const reason = POSTGRES_REASONS[code!];
  if (env.DATABASE_URL && reason)
    return `Switchboard cannot use the Postgres in DATABASE_URL (${new URL(env.DATABASE_URL).host}): ${reason}. Check that it runs and that the URL is right.`;
  return null;
}

/** The error or the first of its causes that carries a code (drizzle wraps the driver's errors). */
function codedIn(error: unknown): Coded | null {
  for (let at = error as Coded | undefined, depth = 0; at && depth < 5; at = at.cause as Coded | undefined, depth++)
    if (typeof at.code === 'string') return at;
  return null;
}

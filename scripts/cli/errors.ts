// What went wrong, told to a person, with an exit code a script can test.
import { TRPCClientError } from '@trpc/client';

/** 130: stopped with Ctrl-C, as shells report a SIGINT. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, unauthorized: 4, interrupted: 130 } as const;

export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.exitCode = exitCode;
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT']);

function isNetworkFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // Over SSE the cause is gone and only the message tells: "TypeError: fetch failed: connect ECONNREFUSED …".
    if (typeof message === 'string' && message.includes('fetch failed')) return true;
    current = cause;
  }
  return false;
}

export function describeError(error: unknown, baseUrl: string, hasToken: boolean): CliError {
  if (error instanceof CliError) return error;
  const unreachable = new CliError(
    `Cannot reach Switchboard at ${baseUrl}. Is it running? Start it with \`npm start\`, or point SWITCHBOARD_URL at it.`,
    EXIT.unreachable,
  );
  if (isNetworkFailure(error)) return unreachable;
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; httpStatus?: number } | undefined;
    if (data?.code === 'UNAUTHORIZED' || data?.httpStatus === 401) {
      return new CliError(
        hasToken
          ? `Switchboard at ${baseUrl} refused the token in SWITCHBOARD_TOKEN: check it matches the server's.`
          : `Switchboard at ${baseUrl} needs an access token: set SWITCHBOARD_TOKEN to the server's token.`,
        EXIT.unauthorized,
      );
    }
    if (data?.code) return new CliError(error.message, EXIT.failed);
    return new CliError(
      `Switchboard at ${baseUrl} gave an answer this CLI does not understand (${error.message}). Is SWITCHBOARD_URL right?`,
    );
  }
  return new CliError(error instanceof Error ? error.message : String(error));
}

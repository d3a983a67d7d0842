// Recognizes the database failures the API answers differently from a bug.
const UNAVAILABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: admin or crash
// shutdown, cannot connect now), and 53300 too_many_connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

// What node-postgres says when a connection dies under it; it gives these no code.
const UNAVAILABLE_MESSAGES = [/^Connection terminated/, /not queryable/, /timeout exceeded when trying to connect/i];

/** Postgres is down, restarting or unreachable: the request may succeed if tried again later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    return (
      UNAVAILABLE_NETWORK_CODES.has(code) ||
      UNAVAILABLE_SQLSTATE.test(code) ||
      UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message))
    );
  });
}

/** A unique index refused a row (SQLSTATE 23505), on either driver. */
export function isUniqueViolation(error: unknown): boolean {
  return causes(error).some((e) => e.code === '23505');
}

/** A row pointed at one that is not there (SQLSTATE 23503), on either driver. */
export function isForeignKeyViolation(error: unknown): boolean {
  return causes(error).some((e) => e.code === '23503');
}

type ErrorLike = { message: string; code?: unknown };

/** The error, its causes and, for AggregateError (several addresses tried), each attempt. */
function causes(error: unknown, depth = 0): ErrorLike[] {
  if (!(error instanceof Error) || depth > 8) return [];
  const nested = [error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  return [error as ErrorLike, ...nested.flatMap((e) => causes(e, depth + 1))];
}

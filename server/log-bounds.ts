// What a log line may hold: an error by its type, code and message, never the SQL, parameters or
// row a database error carries (drizzle writes every parameter into its message; pg's errors carry
// `detail`, `where` and the query); every string cut short, and no line past MAX_LOG_LINE.
import { DrizzleQueryError } from 'drizzle-orm/errors';

const MAX_STRING = 1_000;
const MAX_ITEMS = 20;
const MAX_DEPTH = 6;
const MAX_FRAMES = 12;
export const MAX_LOG_LINE = 16 * 1024;

/** Fields that name a failure without repeating the data it was about. */
const ERROR_FIELDS = ['code', 'errno', 'syscall', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'status'];

export function cut(text: string, max = MAX_STRING): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length} chars]`;
}

/** A log object with its errors made safe and everything in it bounded. */
export function boundLogObject(object: Record<string, unknown>): Record<string, unknown> {
  return bound(object, 0) as Record<string, unknown>;
}

function bound(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return cut(value);
  if (value instanceof Error) return safeError(value, depth);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => bound(item, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `[${value.length - MAX_ITEMS} more]`] : items;
  }
  const entries = Object.entries(value);
  const kept = entries.slice(0, MAX_ITEMS).map(([key, item]) => [key, bound(item, depth + 1)]);
  if (entries.length > MAX_ITEMS) kept.push(['more', `[${entries.length - MAX_ITEMS} more fields]`]);
  return Object.fromEntries(kept);
}

/** One sentence about an error, safe to log: a failed query says how many parameters it had, not what they were. */
export function errorSummary(error: unknown): string {
  if (error instanceof DrizzleQueryError) return `Failed query (${error.params.length} parameters)`;
  return error instanceof Error ? cut(error.message, 300) : cut(String(error), 300);
}

function safeError(error: Error, depth: number): Record<string, unknown> {
  const type = error.constructor?.name || error.name;
  const message = errorSummary(error);
  const fields = error as unknown as Record<string, unknown>;
  const safe: Record<string, unknown> = { type, message };
  for (const key of ERROR_FIELDS) {
    const field = fields[key];
    if (typeof field === 'string' || typeof field === 'number') safe[key] = typeof field === 'string' ? cut(field, 100) : field;
  }
  // The stack's first lines repeat the message: only its frames are kept.
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  safe.stack = [`${type}: ${message}`, ...frames.slice(0, MAX_FRAMES)].join('\n');
  if (depth < MAX_DEPTH && error.cause !== undefined) safe.cause = bound(error.cause, depth + 1);
  if (error instanceof AggregateError) safe.errors = bound(error.errors, depth + 1);
  return safe;
}

/** The last bound: a line still too long keeps its level, time and message, and says how long it was. */
export function boundLine(line: string): string {
  if (line.length <= MAX_LOG_LINE) return line;
  const { level, time, pid, hostname, msg, requestId } = JSON.parse(line) as Record<string, unknown>;
  const message = typeof msg === 'string' ? cut(msg) : undefined;
  return `${JSON.stringify({ level, time, pid, hostname, requestId, msg: message, cutFromChars: line.length })}\n`;
}

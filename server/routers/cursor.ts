// Opaque page cursors: a JSON tuple in base64url, checked whole before it reaches a query, so a
// crafted one is a BAD_REQUEST and never a database error.
import { z } from 'zod';
import { DomainError } from '../errors.ts';

/** Exact timestamps as the database wrote them (microseconds), e.g. 2026-08-01T14:03:07.123456Z. */
export const exactTime = z
  .string()
  // Years 1900..9999 only: Postgres has no year 0, and toISOString() cannot write five digits.
  .regex(/^(19|[2-9]\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  // A forged cursor with 2026-02-30 must stop here, not in the database's timestamp parser.
  .refine((text) => {
    const date = new Date(`${text.slice(0, 19)}Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === text.slice(0, 19);
  });

export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<T>(text: string, shape: z.ZodType<T>): T {
  const parsed = shape.safeParse(parseJson(Buffer.from(text, 'base64url').toString('utf8')));
  if (!parsed.success) throw new DomainError('BAD_CURSOR');
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Opaque page cursors: a JSON tuple in base64url, checked on the way back in.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

/** Exact timestamps as the database wrote them (microseconds), e.g. 2026-08-01T14:03:07.123456Z. */
export const exactTime = z
  .string()
  .regex(/^(19|[2-9]\d)\d{2}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  // A forged cursor with 2026-02-30 must stop here, not in the database's timestamp parser.
  .refine((text) => new Date(`${text.slice(0, 19)}Z`).toISOString().slice(0, 19) === text.slice(0, 19));

export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<T>(text: string, shape: z.ZodType<T>, procedure: string): T {
  try {
    return shape.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `cursor: is not a cursor returned by ${procedure}` });
  }
}

// conversations.list's cursor: opaque to clients, checked whole before it reaches a query, so a
// crafted one is a BAD_REQUEST and never a database error.
import { z } from 'zod';
import type { Cursor } from '../../db/queries/conversations.ts';
import { DomainError } from '../errors.ts';

// toISOString() writes four-digit years only within 0000..9999; Postgres has no year 0.
const position = z.tuple([z.iso.datetime(), z.uuid()]).refine(([at]) => new Date(at).getUTCFullYear() >= 1);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const parsed = position.safeParse(parseJson(Buffer.from(text, 'base64url').toString('utf8')));
  if (!parsed.success) throw new DomainError('BAD_CURSOR');
  const [updatedAt, id] = parsed.data;
  return { updatedAt: new Date(updatedAt), id };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Bearer-token check for when SWITCHBOARD_TOKEN is set; constant-time so timing reveals nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The token comes as `Authorization: Bearer <token>`, or, for SSE subscriptions (EventSource cannot
 * set headers), as tRPC's connectionParams `{ token }`.
 */
export function isAuthorized(
  req: IncomingMessage,
  connectionParams: Record<string, string | undefined> | null | undefined,
  token: string | undefined,
): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : (connectionParams?.token ?? '');
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  return timingSafeEqual(digest(presented), digest(token));
}

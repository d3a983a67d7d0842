// Bearer-token check for when SWITCHBOARD_TOKEN is set; constant-time so timing reveals nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function isAuthorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  return timingSafeEqual(digest(presented), digest(token));
}

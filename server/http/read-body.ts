// Reads a request body whole, within a size limit, and refuses bytes that are not UTF-8: decoding
// them would store U+FFFD where the sender wrote something else.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { REFUSALS, type Refusal } from './refusals.ts';

const DRAIN_FACTOR = 16;

export async function readTextBody(req: IncomingMessage, maxBytes: number): Promise<string | Refusal> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Read (and drop) a modest excess so the refusal can still reach the client; past that, leaving
    // the loop destroys the connection rather than reading an endless upload.
    if (size > maxBytes * DRAIN_FACTOR) break;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) return REFUSALS.tooLarge;
  const body = Buffer.concat(chunks);
  return isUtf8(body) ? body.toString('utf8') : REFUSALS.notUtf8;
}

/** Every percent-escape in the path and query decodes to UTF-8 text. */
export function isWellFormedUrl(rawUrl: string): boolean {
  const [path = '', query = ''] = rawUrl.split('?', 2);
  try {
    decodeURIComponent(path);
    for (const part of query.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

// Reads and drops what is left of a request body before a refusal is sent: a client still writing
// its upload would otherwise see the connection break (EPIPE) instead of the answer. An upload
// far beyond any limit is cut off instead of read.
import type { IncomingMessage } from 'node:http';

export function drainRequest(req: IncomingMessage, maxBytes: number): Promise<void> {
  if (req.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const done = () => resolve();
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > maxBytes) {
        req.destroy();
        done();
      }
    });
    req.once('end', done);
    req.once('close', done);
    req.once('error', done);
    req.resume();
  });
}

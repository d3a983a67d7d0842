// A one-agent chat app's turn: one streamed call of the expert with the memory it read, sent to the
// model as is. Timed to its first text chunk; the rest of its stream is not waited for.
import { request } from 'node:http';
import type { ChatRequest } from '../tests/support/fake-openai.ts';

/** The model name a direct call goes out under, so the fake's prompt cache and records keep it apart. */
export const DIRECT_MODEL = 'direct-expert';

export function directFirstDelta(modelUrl: string, expertCall: ChatRequest): Promise<number> {
  const payload = Buffer.from(JSON.stringify({ ...expertCall, model: DIRECT_MODEL, stream: true }));
  const headers = { 'content-type': 'application/json', 'content-length': payload.length, authorization: 'Bearer bench' };
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${modelUrl}/chat/completions`, { method: 'POST', headers }, (res) => {
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        // The first SSE event whose delta carries text: what a client shows as the first word.
        if (/"delta":\{"content":"[^"]/.test(buffered)) {
          resolve(performance.now() - startedAt);
          req.destroy();
        }
      });
      res.on('error', () => {});
      res.on('end', () => reject(new Error('the direct call streamed no text')));
    });
    req.on('error', () => {});
    req.end(payload);
  });
}

// Time from the model's first text chunk to the first `delta` event the client reads over SSE.
import { startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { fixedRoute } from '../tests/support/fixed-route.ts';
import { startBenchApp } from './bench-app.ts';
import { type Summary, summarize } from './stats.ts';

export async function runStreamingBench(options: { quick: boolean }): Promise<Summary> {
  const fake = await startFakeOpenAI(fixedRoute('Media', 'Post three reels a week and reply to every comment. '.repeat(4)));
  const app = await startBenchApp('pglite', fake.url);
  const samples: number[] = [];
  const runs = options.quick ? 5 : 50;
  for (let i = 0; i < runs + 3; i += 1) {
    const input = encodeURIComponent(JSON.stringify({ message: 'How do I grow on Instagram?' }));
    const response = await fetch(`${app.url}/api/trpc/chat.stream?input=${input}`);
    const firstDeltaAt = await readUntilFirstDelta(response);
    if (i >= 3) samples.push(firstDeltaAt - fake.firstTextAt.at(-1)!);
  }
  await app.dispose();
  await fake.close();
  return summarize(samples);
}

/** Reads SSE until the first delta event, notes the time, then drains the stream to `done`. */
async function readUntilFirstDelta(response: Response): Promise<number> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let firstDeltaAt = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return firstDeltaAt;
    buffer += decoder.decode(value, { stream: true });
    if (Number.isNaN(firstDeltaAt) && buffer.includes('"type":"delta"')) firstDeltaAt = performance.now();
    if (buffer.includes('"type":"done"') || buffer.includes('"type":"error"')) {
      await reader.cancel();
      return firstDeltaAt;
    }
  }
}

// How far a watcher on another instance trails the turn: two app instances on one Postgres, a
// turn streamed on A (its own client reads chat.stream), a watcher reading chat.watch on B. Each
// delta's delay is when B's client has the text up to that point minus when A's client had it.
import { startApp } from '../server/app.ts';
import { parseEnv } from '../server/env.ts';
import { createLogger } from '../server/logger.ts';
import { startFakeOpenAI } from '../tests/support/fake-openai.ts';
import { fixedRoute } from '../tests/support/fixed-route.ts';
import { createThrowawayDatabase } from '../tests/support/throwaway-database.ts';
import { benchPostgresUrl } from './bench-app.ts';
import { type Summary, summarize } from './stats.ts';

const REPLY = 'Post three reels a week, answer every comment within the hour and pin your best review. '.repeat(3);

type Arrival = { at: number; length: number };

export async function runLiveWatchBench(options: { quick: boolean }): Promise<Summary & { wordDelayMs: number }> {
  const wordDelayMs = 20;
  const fake = await startFakeOpenAI(fixedRoute('Media', REPLY), { wordDelayMs });
  const database = await createThrowawayDatabase(benchPostgresUrl(), 'sb_bench_live');
  const start = async () => {
    const parsed = parseEnv({
      PORT: '0',
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'bench-model',
      DATABASE_URL: database.url,
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    return startApp(parsed.env, createLogger('silent'));
  };
  const a = await start();
  const b = await start();
  const samples: number[] = [];
  for (let i = 0; i < (options.quick ? 2 : 10); i++) {
    const input = encodeURIComponent(JSON.stringify({ message: `How do I grow on Instagram? (${i})` }));
    let watching: Promise<Arrival[]> | undefined;
    const starter = await readDeltas(await fetch(`${a.url}/api/trpc/chat.stream?input=${input}`), (turnId) => {
      const watchInput = encodeURIComponent(JSON.stringify({ turnId }));
      watching = fetch(`${b.url}/api/trpc/chat.watch?input=${watchInput}`).then((response) => readDeltas(response));
    });
    const watcher = await watching!;
    // Text that was already there when the watcher joined is replay, not trailing: not counted.
    const joinedAt = watcher[0]?.at ?? Infinity;
    for (const delta of starter.filter((d) => d.at >= joinedAt)) {
      const seen = watcher.find((w) => w.length >= delta.length);
      if (seen) samples.push(seen.at - delta.at);
    }
  }
  await a.close();
  await b.close();
  await database.drop();
  await fake.close();
  return { ...summarize(samples), wordDelayMs };
}

/** Reads an SSE turn stream to its end: when each delta arrived and the text length by then. */
async function readDeltas(response: Response, onTurn?: (turnId: string) => void): Promise<Arrival[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const arrivals: Arrival[] = [];
  let buffer = '';
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return arrivals;
    const at = performance.now();
    buffer += decoder.decode(value, { stream: true });
    const messages = buffer.split('\n\n');
    buffer = messages.pop()!;
    for (const message of messages) {
      const data = message.split('\n').find((line) => line.startsWith('data: '));
      if (!data?.startsWith('data: {')) continue;
      const event = JSON.parse(data.slice(6)) as { type?: string; text?: string; turn?: { id: string } };
      if (event.type === 'turn') onTurn?.(event.turn!.id);
      if (event.type === 'delta') arrivals.push({ at, length: (length += event.text!.length) });
      if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') {
        await reader.cancel();
        return arrivals;
      }
    }
  }
}

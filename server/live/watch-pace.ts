// How often each watcher of a turn is sent what is new. Every event sent costs a watcher's
// stream work on the server's one thread, so the more watchers a turn has, the longer each waits
// between sends, and the more of the deltas it missed arrive merged into one: a turn's fan-out
// stays near EVENTS_PER_SECOND whatever its audience (500 watchers each get one send every two seconds).
import { setTimeout as sleep } from 'node:timers/promises';

const EVENTS_PER_SECOND = 250;
/** Below this a pause would only cost a timer: a turn with a few watchers streams word by word. */
const MIN_PAUSE_MS = 5;

const watchers = new Map<string, number>();

export async function* paced<T>(turnId: string, events: AsyncGenerator<T>, signal?: AbortSignal): AsyncGenerator<T> {
  watchers.set(turnId, (watchers.get(turnId) ?? 0) + 1);
  try {
    for await (const event of events) {
      yield event;
      const pause = ((watchers.get(turnId) ?? 1) * 1000) / EVENTS_PER_SECOND;
      if (pause >= MIN_PAUSE_MS) await sleep(pause, undefined, { signal }).catch(() => {});
      if (signal?.aborted) return;
    }
  } finally {
    const left = (watchers.get(turnId) ?? 1) - 1;
    if (left > 0) watchers.set(turnId, left);
    else watchers.delete(turnId);
  }
}

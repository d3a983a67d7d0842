// The per-turn event log behind chat.watch: replay then live with no gap or repeat, catch-up in
// merged steps, and a reader that falls too far behind is dropped while the writer never waits.
import { describe, expect, it } from 'vitest';
import { EventLog, MAX_LAG, WatcherLagged } from '../../server/live/event-log.ts';

const join = (a: string, b: string) => a + b;

describe('EventLog', () => {
  it('gives a reader joining mid-way every event once, replayed ones merged, then live ones', async () => {
    const log = new EventLog<string>();
    ['a', 'b', 'c'].forEach((e) => log.append(e));
    const seen: { seq: number; event: string }[] = [];
    const reading = (async () => {
      for await (const entry of log.read(1, { merge: join })) seen.push(entry);
    })();
    await new Promise((r) => setTimeout(r, 5));
    log.append('d');
    log.end();
    await reading;
    expect(seen.map((e) => e.event).join('')).toBe('bcd');
    expect(seen[0]).toEqual({ seq: 3, event: 'bc' });
    expect(seen.at(-1)!.seq).toBe(4);
  });

  it('skips what a resuming reader already has, even when those events arrive after it joined', async () => {
    const log = new EventLog<string>();
    const reading = (async () => {
      const got: string[] = [];
      for await (const { event } of log.read(2)) got.push(event);
      return got;
    })();
    ['a', 'b', 'c'].forEach((e) => log.append(e));
    log.end();
    expect(await reading).toEqual(['c']);
  });

  it('never makes the writer wait for a reader, and drops a reader that falls too far behind', async () => {
    const log = new EventLog<string>();
    log.append('first');
    const slow = log.read(0);
    expect((await slow.next()).value).toEqual({ seq: 1, event: 'first' });
    const started = performance.now();
    for (let i = 0; i <= MAX_LAG + 1; i++) log.append(`e${i}`);
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(slow.next()).rejects.toBeInstanceOf(WatcherLagged);
  });

  it('does not count the backlog a reader joins with as lag', async () => {
    const log = new EventLog<string>();
    for (let i = 0; i < MAX_LAG + 10; i++) log.append(`e${i}`);
    log.end();
    let count = 0;
    for await (const _ of log.read(0)) count++;
    expect(count).toBe(MAX_LAG + 10);
  });
});

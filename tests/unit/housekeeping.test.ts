// What runs after a turn's reply: one task per key at a time, a request made meanwhile runs once
// after it, failures are logged and never stop the queue, and shutdown can hurry or abandon it.
import { describe, expect, it, vi } from 'vitest';
import { Housekeeping } from '../../server/turns/housekeeping.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('housekeeping after a turn', () => {
  it('runs one task per key at a time, then the latest asked for while it ran, once', async () => {
    const work = new Housekeeping({ warn: () => {} });
    const ran: string[] = [];
    const first = gate();
    work.run('fold:a', async () => {
      await first.opened;
      ran.push('first');
    });
    work.run('fold:a', async () => void ran.push('second'));
    work.run('fold:a', async () => void ran.push('third'));
    work.run('fold:b', async () => void ran.push('other key'));
    await Promise.resolve();
    expect(ran).toEqual(['other key']);
    first.open();
    await work.idle();
    expect(ran).toEqual(['other key', 'first', 'third']);
  });

  it('logs a failed task and goes on with the next', async () => {
    const warn = vi.fn();
    const work = new Housekeeping({ warn });
    const ran: string[] = [];
    work.run('fold:a', () => {
      throw new Error('summarizer down');
    });
    work.run('fold:a', async () => void ran.push('next'));
    await work.idle();
    expect(ran).toEqual(['next']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toMatch(/after a turn failed/);
  });

  it('stops waiting at a second stop signal and aborts what is left; nothing starts after', async () => {
    const work = new Housekeeping({ warn: () => {} });
    let sawAbort = false;
    work.run(
      'fold:a',
      (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => ((sawAbort = true), resolve()))),
    );
    const hurry = new AbortController();
    const draining = work.drain(60_000, hurry.signal);
    hurry.abort();
    expect(await draining).toBe(1);
    expect(sawAbort).toBe(true);
    const late = vi.fn(async () => {});
    work.run('fold:b', late);
    await work.idle();
    expect(late).not.toHaveBeenCalled();
  });
});

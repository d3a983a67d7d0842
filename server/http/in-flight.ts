// Counts the responses a server is still writing, so shutdown can let a finished turn's answer
// reach its client before connections are closed.
import type { Server } from 'node:http';

export type InFlight = { count(): number; settled(timeoutMs: number): Promise<void> };

export function trackResponses(server: Server): InFlight {
  let open = 0;
  const waiters = new Set<() => void>();
  server.on('request', (_req, res) => {
    open++;
    res.once('close', () => {
      open--;
      if (open === 0) for (const wake of waiters) wake();
    });
  });
  return {
    count: () => open,
    settled: (timeoutMs) =>
      open === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              waiters.delete(done);
              resolve();
            };
            const timer = setTimeout(done, timeoutMs);
            waiters.add(done);
          }),
  };
}

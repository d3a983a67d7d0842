// Graceful stop on SIGTERM/SIGINT: stop accepting, let running turns finish within a grace period,
// fail what is left as interrupted (retryable), then close. A second request (a signal more than
// SAME_REQUEST_MS after the first) cuts the wait short.
import type { Logger } from 'pino';
import type { App } from './app.ts';
import { settleInterruptedTurns } from './turns/interrupted-turns.ts';

const RESPONSE_GRACE_MS = 2_000;

export async function shutDown(app: App, options: { graceMs: number; logger: Logger; hurry?: AbortSignal }): Promise<number> {
  const { graceMs, logger } = options;
  const deadline = performance.now() + graceMs;
  app.stopAccepting();
  const running = app.running.list().length;
  if (running) logger.info({ running, graceMs }, 'stopping: waiting for running turns to finish');
  const left = await app.running.drain(graceMs, options.hurry);
  let interrupted = 0;
  for (const turn of left) {
    // This process still holds the conversation's lock, so only this turn is running there.
    interrupted += await settleInterruptedTurns(app.database.db, turn.conversationId).catch((error: unknown) => {
      logger.error({ err: error, turnId: turn.turnId }, 'could not mark an unfinished turn as interrupted');
      return 0;
    });
  }
  if (left.length)
    logger.warn({ interrupted, turnIds: left.map((t) => t.turnId) }, 'turns still running at shutdown were marked interrupted');
  // A turn that just finished still has its answer to write; a stream that never ends does not wait long.
  await app.responses.settled(RESPONSE_GRACE_MS);
  // Memory folds and titles get what is left of the grace period; a fold cut short stores nothing (a
  // later turn folds again), a title cut short leaves the first message as the title.
  const abandoned = await app.chat.housekeeping.drain(Math.max(0, deadline - performance.now()), options.hurry);
  if (abandoned) logger.info({ abandoned }, 'work left after turns (memory folds, titles) was abandoned at shutdown');
  await app.close();
  return interrupted;
}

/**
 * Signals this close together are one stop request: Ctrl-C in a terminal reaches the server and npm,
 * which forwards it again, and `kill -TERM -<pgid>` (systemd, most supervisors) does the same.
 */
export const SAME_REQUEST_MS = 2_000;

export function stopOnSignals(app: App, options: { graceMs: number; logger: Logger }): void {
  const hurry = new AbortController();
  let stoppingSince: number | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stoppingSince !== undefined) {
        if (performance.now() - stoppingSince < SAME_REQUEST_MS) return options.logger.debug({ signal }, 'the same stop request');
        options.logger.warn({ signal }, 'second stop signal: not waiting for running turns any longer');
        return hurry.abort();
      }
      stoppingSince = performance.now();
      options.logger.info({ signal }, 'stopping');
      shutDown(app, { ...options, hurry: hurry.signal }).then(
        () => process.exit(0),
        (error: unknown) => {
          options.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

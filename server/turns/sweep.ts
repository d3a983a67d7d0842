// Every instance sweeps now and then for running turns nobody holds (see interrupted-turns.ts):
// a turn whose process could not record its own end (the database was away just then, or the
// process died) becomes failed and retryable within one interval instead of staying "running".
// It also clears the live events of turns that ended over an interval ago (until then a watcher
// resuming on another instance still reads them).
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { clearEndedTurnEvents } from '../../db/queries/turn-events.ts';
import type { TurnLock } from '../locks/turn-lock.ts';
import { errorSummary } from '../log-bounds.ts';
import { recoverInterruptedTurns } from './interrupted-turns.ts';

export type Sweep = { stop(): Promise<void> };

export function startSweep(deps: { db: Db; lock: TurnLock; logger: Logger }, everyMs: number): Sweep {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let sweeping = Promise.resolve();

  const sweepOnce = async () => {
    try {
      const interrupted = await recoverInterruptedTurns(deps.db, deps.lock);
      if (interrupted) deps.logger.warn({ interrupted }, 'running turns nobody holds were marked interrupted');
      await clearEndedTurnEvents(deps.db, everyMs);
    } catch (error) {
      // An outage is exactly when turns get stranded: the next sweep after it picks them up.
      deps.logger.warn({ reason: errorSummary(error) }, 'sweep for interrupted turns failed; trying again later');
    }
  };
  // One sweep at a time: the next is scheduled only once this one is over.
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      sweeping = sweepOnce().then(schedule);
    }, everyMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sweeping;
    },
  };
}

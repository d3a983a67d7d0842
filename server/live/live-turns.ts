// Live turns across instances: this process's running turns (cancel, watch) joined to the other
// instances' through Postgres — events in turn_events plus NOTIFY (written once another instance
// asks, by NOTIFY too), cancels as a flag plus NOTIFY.
import { and, inArray, isNotNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { type TurnRow, turns } from '../../db/schema.ts';
import { RunningTurns } from '../turns/running-turns.ts';
import { cancelTurn } from './cancel-turn.ts';
import { CANCEL_CHANNEL, EVENTS_CHANNEL, WATCH_CHANNEL } from './channels.ts';
import { EventStore } from './event-store.ts';
import { RemoteFeeds } from './remote-feeds.ts';
import { type TurnWatch, watchTurn } from './watch-turn.ts';

export type LiveTurns = {
  running: RunningTurns;
  watch: TurnWatch;
  /** Stops a running turn wherever it runs; resolves with it once it is cancelled. */
  cancel(turnId: string): Promise<TurnRow>;
  /** Resolves once this instance listens for other instances' events and cancels. */
  ready: Promise<void>;
  close(): void;
};

type LiveDeps = { database: Pick<Database, 'db' | 'notifications' | 'kind'>; logger: Pick<Logger, 'warn'> };

export function createLiveTurns({ database, logger }: LiveDeps): LiveTurns {
  const { db, notifications } = database;
  const cancelHere = (turnId: string) => void running.cancel(turnId);
  // PGlite lives inside one process, so no other instance can watch or stop its turns: their
  // events stay in memory instead of costing the embedded engine a write per batch.
  const store = database.kind === 'postgres' ? new EventStore(db, { logger, onCancelRequested: cancelHere }) : undefined;
  const running: RunningTurns = new RunningTurns(store);
  const remote = new RemoteFeeds(db, {
    onError: (error) => logger.warn({ err: error }, 'could not read a turn running on another instance'),
  });

  const ready = Promise.all([
    notifications.listen(EVENTS_CHANNEL, (turnId) => remote.changed(turnId)),
    notifications.listen(CANCEL_CHANNEL, cancelHere),
    ...(store ? [notifications.listen(WATCH_CHANNEL, (turnId) => store.share(turnId))] : []),
  ]).then(() => {});
  // Whoever starts the app awaits `ready`; until then watchers still catch up by polling.
  ready.catch((error: unknown) => logger.warn({ err: error }, 'could not listen for other instances’ turns'));
  notifications.onReconnect(() => {
    remote.changedAll();
    const ids = running.list().map((turn) => turn.turnId);
    if (!ids.length) return;
    db.select({ id: turns.id })
      .from(turns)
      .where(and(inArray(turns.id, ids), isNotNull(turns.cancelRequestedAt)))
      .then((rows) => rows.forEach((row) => cancelHere(row.id)))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not check for cancelled turns'));
  });

  const watch: TurnWatch = (turnId, after, signal) => watchTurn({ db, running, remote }, turnId, after, signal);
  return {
    running,
    ready,
    watch,
    cancel: (turnId) => cancelTurn({ db, running, watch }, turnId),
    close: () => remote.close(),
  };
}

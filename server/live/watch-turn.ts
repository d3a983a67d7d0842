// chat.watch's source: a turn's events so far, then its live ones to the end — from this
// process's log when it runs here, else from the database (another instance runs it, or it is over).
import type { Db } from '../../db/client.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { DomainError } from '../errors.ts';
import type { LiveEvent } from '../turns/events.ts';
import type { RunningTurns } from '../turns/running-turns.ts';
import type { EventLog, Sequenced } from './event-log.ts';
import { finalEvent } from './final-event.ts';
import type { RemoteFeeds } from './remote-feeds.ts';
import { paced } from './watch-pace.ts';

/** Events after `after` (a seq, 0 for all); ends after the final event. */
export type TurnWatch = (turnId: string, after: number, signal?: AbortSignal) => AsyncGenerator<Sequenced<LiveEvent>>;

/** A merged delta stays well under what one SSE message should carry. */
const MAX_MERGED_CHARS = 8_000;

/** A watcher that is behind gets the text it missed as one delta, not token by token. */
function mergeDeltas(a: LiveEvent, b: LiveEvent): LiveEvent | null {
  if (a.type !== 'delta' || b.type !== 'delta' || a.text.length + b.text.length > MAX_MERGED_CHARS) return null;
  return { type: 'delta', text: a.text + b.text };
}

type WatchDeps = { db: Db; running: RunningTurns; remote: RemoteFeeds };

export async function* watchTurn(
  deps: WatchDeps,
  turnId: string,
  after: number,
  signal?: AbortSignal,
): AsyncGenerator<Sequenced<LiveEvent>> {
  const read = (log: EventLog<LiveEvent>) => paced(turnId, log.read(after, { merge: mergeDeltas, signal }), signal);
  const local = deps.running.find(turnId);
  if (local) return yield* read(local.log);
  const turn = await findTurn(deps.db, turnId);
  if (!turn) throw new DomainError('TURN_NOT_FOUND');
  const final = await finalEvent(deps.db, turn);
  if (final) {
    yield { seq: after + 1, event: final };
    return;
  }
  const feed = deps.remote.open(turnId);
  try {
    yield* read(feed.log);
  } finally {
    feed.release();
  }
}

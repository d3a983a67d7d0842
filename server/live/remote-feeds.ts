// Turns running on other instances, as this instance's watchers see them: one log per watched
// turn, filled from turn_events whenever that turn's NOTIFY arrives (or a poll, should one be
// missed), and ended with the final event read from the turn's row. Opening a feed asks the
// running instance to share the turn's events (they are written only for turns watched elsewhere).
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { turnEvents } from '../../db/schema.ts';
import type { LiveEvent } from '../turns/events.ts';
import { WATCH_CHANNEL } from './channels.ts';
import { reviveEvent } from './event-json.ts';
import { EventLog } from './event-log.ts';
import { finalEvent } from './final-event.ts';

type Feed = { log: TextLog; watchers: number; reading: boolean; again: boolean; poll: NodeJS.Timeout };

/**
 * A missed notification (a LISTEN connection being re-opened) costs a watcher at most this long.
 * Each poll asks for the turn's events again, in case the running instance missed the request. It
 * only reads and asks: a turn whose instance died is failed by the sweep (turns/sweep.ts), and
 * the next poll reads that end.
 */
const POLL_MS = 2_000;

export type RemoteFeedsOptions = { onError: (error: unknown) => void };

/** A feed's log, with the text its deltas carried so far. */
class TextLog extends EventLog<LiveEvent> {
  text = '';

  override append(event: LiveEvent, seq?: number) {
    const before = this.lastSeq;
    const entry = super.append(event, seq);
    if (event.type === 'delta' && this.lastSeq > before) this.text += event.text;
    return entry;
  }
}

export class RemoteFeeds {
  readonly #db: Db;
  readonly #options: RemoteFeedsOptions;
  readonly #feeds = new Map<string, Feed>();

  constructor(db: Db, options: RemoteFeedsOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** The turn's log, shared by this instance's watchers of it; `release` when done reading. */
  open(turnId: string): { log: EventLog<LiveEvent>; release(): void } {
    let feed = this.#feeds.get(turnId);
    if (!feed) {
      const created: Feed = {
        log: new TextLog(),
        watchers: 0,
        reading: false,
        again: false,
        poll: setInterval(() => this.#ask(turnId, created), POLL_MS),
      };
      created.poll.unref();
      this.#feeds.set(turnId, (feed = created));
      this.#ask(turnId, feed);
    }
    feed.watchers++;
    let released = false;
    const opened = feed;
    return {
      log: feed.log,
      release: () => {
        if (released) return;
        released = true;
        if (--opened.watchers === 0) this.#close(turnId, opened);
      },
    };
  }

  /** A NOTIFY for the turn: read what is new. */
  changed(turnId: string): void {
    const feed = this.#feeds.get(turnId);
    if (feed) this.#read(turnId, feed);
  }

  /** After a gap in notifications: every feed reads again. */
  changedAll(): void {
    for (const [turnId, feed] of this.#feeds) this.#read(turnId, feed);
  }

  close(): void {
    for (const [turnId, feed] of this.#feeds) this.#close(turnId, feed);
  }

  #close(turnId: string, feed: Feed): void {
    clearInterval(feed.poll);
    feed.log.end();
    if (this.#feeds.get(turnId) === feed) this.#feeds.delete(turnId);
  }

  /** Asks the turn's instance to share its events (it answers with a NOTIFY once written), and reads. */
  #ask(turnId: string, feed: Feed): void {
    if (feed.log.ended) return;
    this.#db.execute(sql`select pg_notify(${WATCH_CHANNEL}, ${turnId})`).catch(this.#options.onError);
    this.#read(turnId, feed);
  }

  /** One read at a time per feed; a notification during a read makes it read once more. */
  #read(turnId: string, feed: Feed): void {
    if (feed.log.ended) return;
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    feed.again = false;
    this.#catchUp(turnId, feed)
      .catch(this.#options.onError)
      .finally(() => {
        feed.reading = false;
        if (feed.again) this.#read(turnId, feed);
      });
  }

  async #catchUp(turnId: string, feed: Feed): Promise<void> {
    const rows = await this.#db
      .select({ seq: turnEvents.seq, event: turnEvents.event })
      .from(turnEvents)
      .where(and(eq(turnEvents.turnId, turnId), gt(turnEvents.seq, feed.log.lastSeq)))
      .orderBy(asc(turnEvents.seq));
    for (const row of rows) feed.log.append(reviveEvent(row.event), row.seq);
    // Read after the events: a turn that ended meanwhile still shows every event it stored.
    const turn = await findTurn(this.#db, turnId);
    const final = turn ? await finalEvent(this.#db, turn) : null;
    if (final || !turn) {
      if (final) for (const event of withUnsharedText(feed.log.text, final)) feed.log.append(event);
      feed.log.end();
    }
  }
}

/**
 * The running instance stops sharing events once the turn has ended, so the last few deltas may
 * never reach this log; the reply has them, and they go out as one delta before the end.
 */
function withUnsharedText(streamed: string, final: LiveEvent): LiveEvent[] {
  const reply = final.type === 'done' || final.type === 'cancelled' ? final.reply?.content : undefined;
  const shared = streamed.trimStart();
  // Nothing shared yet (the turn ended before this feed read a row) means the whole reply is unshared.
  if (!reply?.startsWith(shared) || reply.length === shared.length) return [final];
  return [{ type: 'delta', text: reply.slice(shared.length) }, final];
}

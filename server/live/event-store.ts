// Shares this process's running turns' events with other instances: rows in turn_events plus a
// NOTIFY with the turn id, one statement per batch. A turn's events are written only once an
// instance asks for them (WATCH_CHANNEL), the ones so far first: most turns are never watched
// from elsewhere, and writing every turn's deltas cost Postgres 2–7 ms a turn.
// Events that arrive while a batch is being written go in the next one, so the rate adapts to
// the database and the turn never waits for it.
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { turnEvents } from '../../db/schema.ts';
import { isFinal, type LiveEvent } from '../turns/events.ts';
import type { TurnSink } from '../turns/running-turns.ts';
import { EVENTS_CHANNEL } from './channels.ts';

type Row = { turnId: string; seq: number; event: LiveEvent };
/** `rows`: not yet written; until the turn is `shared`, every event it has published. */
type Batches = { rows: Row[]; shared: boolean; ended: boolean; writing: boolean };

/** Rows per statement: a burst after a slow write is split instead of sent as one huge insert. */
const MAX_BATCH = 200;

export class EventStore implements TurnSink {
  readonly #db: Db;
  readonly #logger: Pick<Logger, 'warn'>;
  readonly #onCancelRequested: (turnId: string) => void;
  readonly #turns = new Map<string, Batches>();

  constructor(db: Db, options: { logger: Pick<Logger, 'warn'>; onCancelRequested: (turnId: string) => void }) {
    this.#db = db;
    this.#logger = options.logger;
    this.#onCancelRequested = options.onCancelRequested;
  }

  event(turnId: string, seq: number, event: LiveEvent): void {
    let batches = this.#turns.get(turnId);
    if (!batches) this.#turns.set(turnId, (batches = { rows: [], shared: false, ended: false, writing: false }));
    if (isFinal(event)) {
      // Nobody elsewhere watched: nothing was written, and a late watcher reads the turn's row.
      if (!batches.shared) return void this.#turns.delete(turnId);
      // The end is read from the turn's own row, written before this event is published.
      batches.ended = true;
    } else batches.rows.push({ turnId, seq, event });
    if (batches.shared && !batches.writing) void this.#write(turnId, batches);
  }

  /** An instance watches `turnId`: if it runs here, its events so far are written, then each new batch. */
  share(turnId: string): void {
    const batches = this.#turns.get(turnId);
    if (!batches || batches.shared) return;
    batches.shared = true;
    if (!batches.writing) void this.#write(turnId, batches);
  }

  async #write(turnId: string, batches: Batches): Promise<void> {
    batches.writing = true;
    try {
      while (batches.rows.length) {
        const rows = batches.rows.splice(0, MAX_BATCH);
        if (batches.ended) continue;
        // The flag read back with each batch stops the turn even if its cancel NOTIFY was missed.
        // One statement text whatever the batch's size (its rows travel as one JSON array): the
        // server can reuse its plan, and no insert is built row by row here.
        const events = JSON.stringify(rows.map(({ seq, event }) => ({ seq, event })));
        const result = await this.#db.execute(sql`with written as (
            insert into ${turnEvents} (turn_id, seq, event)
            select ${turnId}::uuid, e.seq, e.event from jsonb_to_recordset(${events}::jsonb) as e(seq int, event jsonb)
            on conflict do nothing)
          select pg_notify(${EVENTS_CHANNEL}, ${turnId}) as notified,
            (select cancel_requested_at is not null from turns where id = ${turnId}) as cancel`);
        if ((result as unknown as { rows: { cancel: boolean | null }[] }).rows[0]?.cancel) this.#onCancelRequested(turnId);
      }
      if (batches.ended) {
        this.#turns.delete(turnId);
        // Watchers elsewhere read the turn's row (now final) on this notification. Its events stay
        // a while (the sweep clears them), so a watcher resuming mid-turn still finds what it missed.
        await this.#db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${turnId})`);
      }
    } catch (error) {
      // Watchers on this instance are unaffected; others catch up at the next batch or the end.
      this.#logger.warn({ turnId, err: error }, 'could not share a turn’s events with other instances');
      if (batches.ended) this.#turns.delete(turnId);
    } finally {
      batches.writing = false;
      if (batches.rows.length || (batches.ended && this.#turns.has(turnId))) void this.#write(turnId, batches);
    }
  }
}

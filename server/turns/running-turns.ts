// The turns this process is running right now: shutdown waits for them, chat.cancel aborts them
// and chat.watch follows them. A turn is registered once its row exists and settled when it ends.
import { EventLog } from '../live/event-log.ts';
import { isFinal, type LiveEvent } from './events.ts';

export type RunningTurn = { turnId: string; conversationId: string };

/** Where a turn's events go besides this process's watchers (the database, for other instances). */
export type TurnSink = { event(turnId: string, seq: number, event: LiveEvent): void };

/** A registered turn: its producer publishes through it, its watchers read its log. */
export class LiveTurn {
  readonly turnId: string;
  readonly conversationId: string;
  readonly log = new EventLog<LiveEvent>();
  readonly #abort = new AbortController();
  readonly #sink: TurnSink | undefined;
  /** The text streamed so far: what a cancelled turn keeps as its reply. */
  text = '';
  /** The agent speaking now: a stopped reply is theirs. */
  agent: string | null = null;

  constructor(turn: RunningTurn, sink?: TurnSink) {
    this.turnId = turn.turnId;
    this.conversationId = turn.conversationId;
    this.#sink = sink;
  }

  /** Aborts when the turn is cancelled; pass it (or an AbortSignal.any with it) to the run. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get cancelled(): boolean {
    return this.#abort.signal.aborted;
  }

  cancel(): void {
    this.#abort.abort(new Error('cancelled'));
  }

  /** Records an event for watchers and returns it, so a producer can `yield live.publish(event)`. */
  publish<E extends LiveEvent>(event: E): E {
    if (event.type === 'delta') this.text += event.text;
    if (event.type === 'agent') this.agent = event.agent;
    const { seq } = this.log.append(event);
    this.#sink?.event(this.turnId, seq, event);
    if (isFinal(event)) this.log.end();
    return event;
  }

  /** Publishes every event of `source` as it passes through, and returns what `source` returns. */
  async *relay<E extends LiveEvent, R>(source: AsyncGenerator<E, R, undefined>): AsyncGenerator<E, R, undefined> {
    let finished = false;
    try {
      for (;;) {
        const next = await source.next();
        if ((finished = Boolean(next.done))) return next.value as R;
        yield this.publish(next.value as E);
      }
    } finally {
      // Left early (the caller returned): let `source` run its own cleanup, as `yield*` would.
      if (!finished) await source.return(undefined as R);
    }
  }
}

export class RunningTurns {
  private readonly turns = new Map<string, LiveTurn>();
  private readonly idle = new Set<() => void>();
  private readonly sink: TurnSink | undefined;

  constructor(sink?: TurnSink) {
    this.sink = sink;
  }

  register(turn: RunningTurn): LiveTurn {
    const live = new LiveTurn(turn, this.sink);
    this.turns.set(turn.turnId, live);
    return live;
  }

  settle(turnId: string): void {
    // A producer that stopped without a final event (a bug, or a crash mid-write) still frees its watchers.
    this.turns.get(turnId)?.log.end();
    this.turns.delete(turnId);
    if (this.turns.size === 0) for (const wake of this.idle) wake();
  }

  find(turnId: string): LiveTurn | undefined {
    return this.turns.get(turnId);
  }

  /** Aborts the turn if this process runs it; false otherwise. */
  cancel(turnId: string): boolean {
    const live = this.turns.get(turnId);
    live?.cancel();
    return Boolean(live);
  }

  list(): RunningTurn[] {
    return [...this.turns.values()].map(({ turnId, conversationId }) => ({ turnId, conversationId }));
  }

  /**
   * Waits until no turn runs, `graceMs` passes or `stop` aborts, whichever comes first; returns the
   * turns still running then.
   */
  async drain(graceMs: number, stop?: AbortSignal): Promise<RunningTurn[]> {
    if (this.turns.size > 0 && !stop?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.idle.delete(done);
          stop?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, graceMs);
        this.idle.add(done);
        stop?.addEventListener('abort', done, { once: true });
      });
    }
    return this.list();
  }
}

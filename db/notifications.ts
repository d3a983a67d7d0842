// Postgres LISTEN for either driver. node-postgres gets one dedicated connection per process that
// reconnects by itself (a pooled connection cannot keep a LISTEN); PGlite is one session, in-process.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export type Notifications = {
  /** Calls `handler` with each payload sent to `channel` (NOTIFY / pg_notify). */
  listen(channel: string, handler: (payload: string) => void): Promise<void>;
  /** Called after a lost LISTEN connection is back: notifications sent meanwhile were missed. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
};

/**
 * PGlite delivers in-process. LISTEN goes through `pool`, like every other statement: PGlite's own
 * query() must not run between the protocol messages node-postgres sends it.
 */
export function pgliteNotifications(client: PGlite, pool: pg.Pool): Notifications {
  const handlers = channelHandlers();
  const stop = client.onNotification(handlers.deliver);
  return {
    async listen(channel, handler) {
      if (handlers.add(channel, handler)) await pool.query(`LISTEN ${quoted(channel)}`);
    },
    onReconnect: () => {},
    close: async () => stop(),
  };
}

const RETRY_MS = [100, 500, 1_000, 2_000, 5_000];

export function pgNotifications(Client: typeof pg.Client, url: string): Notifications {
  const handlers = channelHandlers();
  const reconnected = new Set<() => void>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;
  let attempt = 0;
  // One LISTEN at a time on the connection: pg queues overlapping queries, a use it deprecates.
  let listening: Promise<unknown> = Promise.resolve();

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: url });
    // Without an 'error' listener a dropped connection is an uncaught exception.
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', (message) => handlers.deliver(message.channel, message.payload ?? ''));
    await next.connect();
    for (const channel of handlers.channels()) await next.query(`LISTEN ${quoted(channel)}`);
    client = next;
  };

  const lost = (which: pg.Client) => {
    if (client !== which || closed) return;
    client = null;
    void which.end().catch(() => {});
    const retry = () => {
      if (closed) return;
      connect().then(
        () => {
          attempt = 0;
          for (const handler of reconnected) handler();
        },
        () => setTimeout(retry, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]).unref(),
      );
    };
    setTimeout(retry, RETRY_MS[0]).unref();
  };

  return {
    async listen(channel, handler) {
      const added = handlers.add(channel, handler);
      if (!client) {
        connecting ??= connect().finally(() => (connecting = null));
        await connecting;
      }
      // LISTEN is idempotent: repeating it covers a channel added while the connection was opening.
      if (added) await (listening = listening.catch(() => {}).then(() => client?.query(`LISTEN ${quoted(channel)}`)));
    },
    onReconnect: (handler) => void reconnected.add(handler),
    async close() {
      closed = true;
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

/** Who listens on which channel, for either driver. */
function channelHandlers() {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  return {
    /** True when `channel` had no handler yet: it needs its LISTEN. */
    add(channel: string, handler: (payload: string) => void): boolean {
      const added = !handlers.has(channel);
      handlers.set(channel, (handlers.get(channel) ?? new Set()).add(handler));
      return added;
    },
    deliver(channel: string, payload: string): void {
      for (const handler of handlers.get(channel) ?? []) handler(payload);
    },
    channels: () => handlers.keys(),
  };
}

/** Channel names are ours (constants), but quote them as identifiers all the same. */
function quoted(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`;
}

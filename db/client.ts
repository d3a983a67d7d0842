// Opens the database: Postgres when a URL is given, else PGlite on disk (or in memory), both through
// node-postgres and drizzle's driver for it. PGlite's code loads only when it is chosen.

import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { openDataFolder } from './data-folder.ts';
import { type Notifications, pgliteNotifications, pgNotifications } from './notifications.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Either driver's database, or a transaction on it: queries take this. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = { db: Db; notifications: Notifications; close(): Promise<void> } & (
  | { kind: 'pglite' }
  /** `lockPool`: connections a running turn holds for its conversation's advisory lock. */
  | { kind: 'postgres'; lockPool: pg.Pool }
);

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number; lockPoolSize?: number }
  /** `dataDir` undefined keeps PGlite in memory. */
  | { kind: 'pglite'; dataDir?: string };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const [{ default: pg }, { drizzle }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  const drizzleOn = (pool: pg.Pool) => drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  if (options.kind === 'postgres') {
    const pool = resilientPool(new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 }));
    // Separate from the query pool: a turn holds its lock session while its queries need
    // connections of their own, so sharing one pool could leave every holder waiting.
    const lockPool = resilientPool(new pg.Pool({ connectionString: options.url, max: options.lockPoolSize ?? 20 }));
    const db = drizzleOn(pool);
    // Connects on its first LISTEN: a process that never listens opens no extra connection.
    const notifications = pgNotifications(pg.Client, options.url);
    return {
      db,
      kind: 'postgres',
      lockPool,
      notifications,
      close: async () => {
        await Promise.all([notifications.close(), pool.end(), lockPool.end()]);
      },
    };
  }
  const folderLock = options.dataDir ? await openDataFolder(options.dataDir) : null;
  const [{ PGlite }, { pglitePool }] = await Promise.all([import('@electric-sql/pglite'), import('./pglite-pool.ts')]);
  const client = await PGlite.create(options.dataDir).catch((error: unknown) => {
    folderLock?.release();
    throw error;
  });
  const pool = resilientPool(pglitePool(client));
  const db = drizzleOn(pool);
  return {
    db,
    kind: 'pglite',
    notifications: pgliteNotifications(client, pool),
    close: async () => {
      await pool.end();
      await client.close();
      folderLock?.release();
    },
  };
}

/**
 * A pool that survives Postgres going away. pg emits 'error' on a connection that breaks, and
 * with no listener that is an uncaught exception: the pool listens for idle connections, these
 * listeners cover the checked-out ones (a transaction or a lock session). The failure still
 * reaches the query that was running, and the broken connection is discarded on release.
 */
function resilientPool(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

// The job engine routines run on: pg-boss, over the app's own database on either driver. On
// Postgres it keeps a small pool of its own; on PGlite it shares the app's single session.

import type pg from 'pg';
import { type Clock, type Db as EngineDb, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';

export type JobEngineOptions = {
  database: Database;
  /** The Postgres URL pg-boss opens its own pool on (Postgres only). */
  url?: string;
  logger: Logger;
  /** pg-boss's source of time: the system clock, or a TestClock a test drives by hand. */
  clock?: Clock;
};

/**
 * How often a pass looks for due slots and how soon its jobs are picked up: a slot's run starts at
 * most 10 + 2 + 2 s after its time (the promise is 45 s).
 */
const TIMING = { cronMonitorIntervalSeconds: 10, cronWorkerIntervalSeconds: 2 } as const;
export const POLL_SECONDS = 2;

export function createJobEngine(options: JobEngineOptions): PgBoss {
  const { database, logger } = options;
  const common = { ...TIMING, schema: 'pgboss', supervise: true, clock: options.clock };
  const boss =
    database.kind === 'postgres'
      ? new PgBoss({ ...common, connectionString: options.url, max: 4, application_name: 'switchboard-routines' })
      : new PgBoss({ ...common, db: sessionDb((database.db as unknown as { $client: pg.Pool }).$client), backend: 'pglite' });
  // pg-boss reports what it survived (a failed poll, a lost connection) here; without a listener an
  // 'error' event would end the process.
  boss.on('error', (err) => logger.warn({ err }, 'job engine error'));
  return boss;
}

/**
 * pg-boss over PGlite's one session, through the app's pool so its statements queue behind the
 * app's transactions instead of landing inside them. A failed multi-statement block (pg-boss's
 * BEGIN … COMMIT) would leave the shared session in an aborted transaction: it is rolled back.
 */
function sessionDb(pool: pg.Pool): EngineDb {
  const run = async (text: string, values?: unknown[]) => {
    const client = await pool.connect();
    try {
      return await client.query(text, values);
    } catch (error) {
      if (!values?.length) await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    executeSql: async (text, values) => {
      const result = await run(text, values);
      // A multi-statement block answers one result per statement: their rows, as pg-boss reads them.
      return Array.isArray(result) ? { rows: result.flatMap((r: pg.QueryResult) => r.rows ?? []) } : result;
    },
    // One session: statements every session must carry run once.
    setSessionStatements: async (statements) => {
      for (const statement of statements) await run(statement);
    },
  };
}

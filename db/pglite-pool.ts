// PGlite through node-postgres, the driver Postgres uses: one drizzle driver for both engines, and
// statements that are prepared for real. PGlite's own query() parses and plans a statement on every
// call; node-postgres names the hot ones, so PGlite parses and plans each once (a turn's statements
// cost about half as much).
import type { PGlite } from '@electric-sql/pglite';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';

/**
 * drizzle hands node-postgres a type-parser object as a query's `types`. pg's own wire serializer
 * reads only an array of parameter types there; PGlite's throws on anything else.
 */
class SessionConnection extends PglitePgConnection {
  override parse(query: { types?: unknown }): void {
    super.parse({ ...query, types: Array.isArray(query.types) ? query.types : undefined });
  }
}

/**
 * A pool of one client, since PGlite is one session. pg-pool discards a client after any failed
 * query; its successor gets a connection of its own to the same session, which still holds every
 * statement parsed before, so the record of parsed statements is shared (else a reparse would fail).
 */
export function pglitePool(pglite: PGlite): pg.Pool {
  const parsedStatements = {};
  const submittedNamedStatements = {};
  class PgliteClient extends pg.Client {
    constructor(config: pg.ClientConfig = {}) {
      const connection = new SessionConnection({ pglite });
      connection.parsedStatements = parsedStatements;
      connection.submittedNamedStatements = submittedNamedStatements;
      super({ ...config, connection } as pg.ClientConfig);
    }
  }
  return new pg.Pool({ Client: PgliteClient, max: 1 });
}

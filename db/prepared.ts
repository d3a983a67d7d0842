// Statements on a turn's hot path are built once per database instead of on every call (drizzle's
// query building costs more than a local round trip), and each Postgres connection, or the one
// PGlite session, parses and plans them once. Values go in through `sql.placeholder`s, filled when
// the statement executes.
import type { Db } from './client.ts';

/** `build(db)` once per database (a transaction gets its own); `name` is unique per statement. */
export function preparedFor<S>(build: (db: Db) => S): (db: Db) => S {
  const built = new WeakMap<Db, S>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}

// PGlite through node-postgres: one session, whose prepared statements and LISTENs outlive the
// client pg-pool replaces after every failed query.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createTestDatabase } from '../support/test-db.ts';

describe('PGlite session', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(() => database.close());

  it('runs a prepared statement again after a failed query replaced the client', async () => {
    const statement = database.db
      .select({ doubled: sql<number>`${sql.placeholder('n')}::int * 2` })
      .from(sql`(select 1) as one`)
      .prepare('pglite_session_doubled');
    expect(await statement.execute({ n: 2 })).toEqual([{ doubled: 4 }]);
    await expect(database.db.execute(sql`select * from no_such_table`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '42P01' }),
    });
    expect(await statement.execute({ n: 21 })).toEqual([{ doubled: 42 }]);
  });

  it('delivers a NOTIFY sent after a failed query to its listener', async () => {
    const heard: string[] = [];
    await database.notifications.listen('pglite_session_test', (payload) => heard.push(payload));
    await expect(database.db.execute(sql`select 1/0`)).rejects.toBeTruthy();
    await database.db.execute(sql`select pg_notify('pglite_session_test', 'still here')`);
    await expect.poll(() => heard).toEqual(['still here']);
  });

  it('keeps a transaction to itself: a query outside it waits for the commit', async () => {
    await database.db.execute(sql`create table session_order (n int)`);
    const order: string[] = [];
    let outside: Promise<unknown> = Promise.resolve();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into session_order values (1)`);
      outside = database.db.execute(sql`select count(*)::int as n from session_order`).then((result) => {
        order.push(`outside saw ${(result as unknown as { rows: { n: number }[] }).rows[0]!.n}`);
      });
      await tx.execute(sql`insert into session_order values (2)`);
      order.push('committing');
    });
    await outside;
    expect(order).toEqual(['committing', 'outside saw 2']);
  });
});

// Live events outlive their turn briefly (a watcher resuming on another instance reads them);
// the sweep clears the ones whose turn ended a while ago.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { turnEvents, turns } from '../schema.ts';

export async function clearEndedTurnEvents(db: Db, endedBeforeMs: number): Promise<void> {
  // Driven from turn_events (a few live turns' rows), each looked up in turns by its key.
  await db.execute(sql`delete from ${turnEvents} using ${turns}
    where ${turnEvents.turnId} = ${turns.id} and ${turns.status} <> 'running'
      and ${turns.finishedAt} < now() - make_interval(secs => ${endedBeforeMs / 1000})`);
}

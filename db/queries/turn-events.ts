// Live events outlive their turn briefly (a watcher resuming on another instance reads them);
// the sweep clears the ones whose turn ended a while ago or was deleted with its conversation.
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { turnEvents, turns } from '../schema.ts';

export async function clearEndedTurnEvents(db: Db, endedBeforeMs: number): Promise<void> {
  // Driven from turn_events (a few live turns' rows), each looked up in turns by its key.
  await db.execute(sql`delete from ${turnEvents} where not exists (
    select from ${turns} where ${turns.id} = ${turnEvents.turnId}
      and (${turns.status} = 'running' or ${turns.finishedAt} >= now() - make_interval(secs => ${endedBeforeMs / 1000})))`);
}

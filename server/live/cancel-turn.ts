// chat.cancel: stop a running turn wherever it runs and answer once it has stopped; a turn that
// waits for the owner's yes stops at once, its calls unrun.
import type { Db } from '../../db/client.ts';
import { cancelPausedTurn } from '../../db/queries/approvals.ts';
import { requestCancel } from '../../db/queries/cancel-turn.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { TurnRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';
import { isFinal } from '../turns/events.ts';
import type { RunningTurns } from '../turns/running-turns.ts';
import { CANCEL_CHANNEL } from './channels.ts';
import type { TurnWatch } from './watch-turn.ts';

/** A model call normally stops within milliseconds of its abort; this only bounds a stuck one. */
const STOP_WAIT_MS = 15_000;

type CancelDeps = { db: Db; running: RunningTurns; watch: TurnWatch };

export async function cancelTurn(deps: CancelDeps, turnId: string): Promise<TurnRow> {
  let turn = await findTurn(deps.db, turnId);
  if (!turn) throw new DomainError('TURN_NOT_FOUND');
  if (turn.status === 'awaiting_approval') {
    const stopped = await cancelPausedTurn(deps.db, turn, new Date());
    if (stopped) return stopped;
    // Decided meanwhile: it runs now, so it is stopped like any running turn.
    turn = (await findTurn(deps.db, turnId)) ?? turn;
  }
  if (turn.status !== 'running') throw new DomainError('TURN_NOT_RUNNING', { turnId });
  const timeout = AbortSignal.timeout(STOP_WAIT_MS);
  // Watching starts before the request, so the turn's end cannot slip past unseen.
  const events = deps.watch(turnId, 0, timeout);
  const first = events.next();
  if (!deps.running.cancel(turnId) && !(await requestCancel(deps.db, turnId, CANCEL_CHANNEL))) {
    await events.return(undefined);
    throw new DomainError('TURN_NOT_RUNNING', { turnId });
  }
  for (let next = await first; !next.done; next = await events.next()) {
    const { event } = next.value;
    if (!isFinal(event)) continue;
    await events.return(undefined);
    if (event.type === 'cancelled') return event.turn;
    // It finished (or failed) before the cancel reached it.
    throw new DomainError('TURN_NOT_RUNNING', { turnId });
  }
  throw new DomainError('TURN_STILL_RUNNING', { turnId });
}

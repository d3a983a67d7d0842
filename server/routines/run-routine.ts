// One run of a routine: an ordinary turn in the routine's conversation, its prompt as the owner's
// request with the run's date. The entry point scheduled runs and "run now" both go through.

import { setRunTurn } from '../../db/queries/routines.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { RoutineRow, RoutineRunRow, TurnRow } from '../../db/schema.ts';
import { EXPERT_NAMES, type ExpertName } from '../../shared/roster.ts';
import type { TurnRequest } from '../turns/open-turn.ts';
import { runTurn, type TurnDeps } from '../turns/run-turn.ts';

/** Runs (or, for a run whose turn failed, retries) the run's turn; answers with the turn as it ended. */
export async function runRoutineTurn(chat: TurnDeps, routine: RoutineRow, run: RoutineRunRow, at: Date): Promise<TurnRow> {
  const previous = run.turnId ? await findTurn(chat.db, run.turnId) : undefined;
  if (previous && !['failed', 'cancelled'].includes(previous.status)) return previous;
  const expert = EXPERT_NAMES.find((name): name is ExpertName => name === routine.expert);
  const request: TurnRequest = previous
    ? { kind: 'retry', turnId: previous.id, expert }
    : {
        kind: 'send',
        conversationId: routine.conversationId,
        message: requestText(routine, run.scheduledFor ?? at),
        // A run sent again after a crash finds the turn it opened rather than asking twice.
        clientMessageId: `routine-run:${run.id}`,
        expert,
      };
  let turnId = previous?.id;
  try {
    for await (const event of runTurn(chat, request)) {
      if (turnId || (event.type !== 'turn' && event.type !== 'done' && event.type !== 'cancelled')) continue;
      turnId = event.turn.id;
      await setRunTurn(chat.db, run.id, turnId);
    }
  } catch (error) {
    // The turn is stored as failed with its reason: that is the run's outcome.
    if (!turnId) throw error;
  }
  const turn = await findTurn(chat.db, turnId!);
  if (!turn) throw new Error('a routine run’s turn vanished (its conversation was deleted)');
  return turn;
}

/** The routine's prompt as the owner would have typed it, and which run this is, in its time zone. */
export function requestText(routine: Pick<RoutineRow, 'prompt' | 'timezone'>, when: Date): string {
  const date = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: routine.timezone,
  }).format(when);
  return `${routine.prompt.trim()}\n\n(Scheduled run for ${date}, ${routine.timezone}.)`;
}

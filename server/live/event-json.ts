// A turn's events as stored in turn_events (jsonb) and back: dates travel as ISO strings.
import type { TurnRow } from '../../db/schema.ts';
import type { LiveEvent } from '../turns/events.ts';

type Json = Record<string, unknown>;

const date = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);

function reviveTurn(turn: Json): TurnRow {
  return {
    ...turn,
    startedAt: date(turn.startedAt)!,
    finishedAt: date(turn.finishedAt),
    cancelRequestedAt: date(turn.cancelRequestedAt),
    flaggedAt: date(turn.flaggedAt),
  } as TurnRow;
}

/** Only the running events runTurn publishes reach the table, so the cast is about dates alone. */
export function reviveEvent(stored: unknown): LiveEvent {
  const event = stored as Json & LiveEvent;
  if (event.type === 'turn') return { ...event, turn: reviveTurn(event.turn as unknown as Json) };
  return event;
}

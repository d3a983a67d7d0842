// The notification channels between instances. Payloads are a turn id: the data stays in rows
// (turn_events, turns), so no payload comes near NOTIFY's 8000-byte limit.
/** "This turn has new events or has ended": watchers on other instances read what is new. */
export const EVENTS_CHANNEL = 'switchboard_turn_events';
/** "Stop this turn": the instance that runs it aborts it. */
export const CANCEL_CHANNEL = 'switchboard_turn_cancel';
/** "Someone here watches this turn": the instance that runs it starts sharing its events. */
export const WATCH_CHANNEL = 'switchboard_turn_watch';

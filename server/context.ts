// What every procedure gets: what a turn needs and who is asking.
import type { TurnDeps } from './turns/run-turn.ts';

export type AppContext = {
  chat: TurnDeps;
  /** False only when SWITCHBOARD_TOKEN is set and the request did not present it. */
  authorized: boolean;
  /** Ties an error answer to its log line; absent for in-process callers. */
  requestId?: string;
};

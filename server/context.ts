// What every procedure gets: what a turn needs and who is asking.
import type { Connections } from './connections/connections.ts';
import type { Routines } from './routines/routines.ts';
import type { TurnDeps } from './turns/run-turn.ts';

export type AppContext = {
  chat: TurnDeps;
  /** The owner's MCP servers (connections.*); the same object is the turns' `chat.connections`. */
  connections?: Connections;
  routines: Routines;
  /** False only when SWITCHBOARD_TOKEN is set and the request did not present it. */
  authorized: boolean;
  /** Ties an error answer to its log line; absent for in-process callers. */
  requestId?: string;
};

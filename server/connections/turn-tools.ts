// What a turn asks of the owner's connections: the tools each expert gets this turn, and where
// each one runs (so a paused call can be shown to the owner as "tool X on server Y").
import type { TeamExtras } from '../agents/team.ts';

export type CallTarget = { server: string; tool: string };

export type TurnToolset = TeamExtras & {
  /** The server and its own name for a tool the model calls; null for a tool of Switchboard's own. */
  target(toolName: string): CallTarget | null;
};

/** A call a paused run asked for: on resume it needs its tool even when the server is gone. */
export type PausedCall = CallTarget & { agent: string };

export type TurnTools = {
  /** Null when the business has no connection any expert may use: the turn runs the plain team. */
  forTurn(businessId: string, signal: AbortSignal, paused?: PausedCall[]): Promise<TurnToolset | null>;
};

// What the SDK hands every tool of a turn (`RunContext<TurnContext>`): where a failing tool call
// leaves its mark, where consults are recorded (keyed by the owner's tool call id, in order), and
// the business profile the turn may write to.
import type { RunContext } from '@openai/agents';
import type { ConsultCall } from './consult-call.ts';

export type RememberedFact = { factId: string; text: string };

/** Writes facts to the turn's business, as the agent that called; a refusal throws a sentence for the model. */
export type ProfileWriter = { remember(agent: string, fact: string, replaces?: string | null): Promise<RememberedFact> };

export type TurnContext = {
  failedToolCalls: Set<string>;
  consults: Map<string, ConsultCall>;
  profile: ProfileWriter;
  /** The profile message this turn's model calls see (set once memory is recalled); consults pass it on. */
  profileDigest: string | null;
};

export function newTurnContext(profile: ProfileWriter): TurnContext {
  return { failedToolCalls: new Set(), consults: new Map(), profile, profileDigest: null };
}

/** A tool's errorFunction: the model gets a readable failure, the routing record gets ok=false. */
export function reportToolFailure(
  runContext: RunContext<TurnContext>,
  error: unknown,
  details?: { toolCall?: { callId: string } },
): string {
  const callId = details?.toolCall?.callId;
  if (callId) runContext.context.failedToolCalls.add(callId);
  const reason = error instanceof Error ? error.message : String(error);
  return `The tool failed (${reason}). Answer without it and say what could not be checked.`;
}

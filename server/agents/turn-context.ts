// What the SDK hands every tool of a turn (`RunContext<TurnContext>`): where a failing tool call
// leaves its mark, and where consults are recorded (keyed by the owner's tool call id, in order).
import type { RunContext } from '@openai/agents';
import type { ConsultCall } from './consult-call.ts';

export type TurnContext = { failedToolCalls: Set<string>; consults: Map<string, ConsultCall> };

export function newTurnContext(): TurnContext {
  return { failedToolCalls: new Set(), consults: new Map() };
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

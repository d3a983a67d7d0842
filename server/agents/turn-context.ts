// The per-run context the SDK hands to tools: where a failing tool call leaves its mark, and
// where consults are recorded (keyed by the owner's tool call id, in the order they started).
import type { ConsultCall } from './consult-call.ts';

export type TurnContext = { failedToolCalls: Set<string>; consults: Map<string, ConsultCall> };

export function newTurnContext(): TurnContext {
  return { failedToolCalls: new Set(), consults: new Map() };
}

/** A tool's errorFunction: the model gets a readable failure, the routing record gets ok=false. */
export function reportToolFailure(
  runContext: { context: unknown } | undefined,
  error: unknown,
  details?: { toolCall?: { callId: string } },
): string {
  const callId = details?.toolCall?.callId;
  const context = runContext?.context;
  if (callId && isTurnContext(context)) context.failedToolCalls.add(callId);
  const reason = error instanceof Error ? error.message : String(error);
  return `The tool failed (${reason}). Answer without it and say what could not be checked.`;
}

export function isTurnContext(value: unknown): value is TurnContext {
  return typeof value === 'object' && value !== null && 'failedToolCalls' in value && 'consults' in value;
}

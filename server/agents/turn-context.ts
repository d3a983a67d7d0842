// The per-run context the SDK hands to tools: where a failing tool call leaves its mark.
export type TurnContext = { failedToolCalls: Set<string> };

export function newTurnContext(): TurnContext {
  return { failedToolCalls: new Set() };
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

function isTurnContext(value: unknown): value is TurnContext {
  return typeof value === 'object' && value !== null && 'failedToolCalls' in value;
}

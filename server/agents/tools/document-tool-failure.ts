// A document tool's refusal (an unknown id, a bad table, too long) is told to the expert, which can
// correct itself; the routing record marks the call failed.
import type { RunContext } from '@openai/agents';
import type { TurnContext } from '../turn-context.ts';

export function documentToolFailure(outcome: string) {
  return (runContext: RunContext<TurnContext>, error: unknown, details?: { toolCall?: { callId: string } }): string => {
    const callId = details?.toolCall?.callId;
    if (callId) runContext.context.failedToolCalls.add(callId);
    const reason = error instanceof Error ? error.message : String(error);
    return `${outcome}: ${reason}`;
  };
}

// A finished function tool call as the routing record keeps it, from what the turn's context noted
// about it (its server, the owner's decision, its own timing, what it cost, what it cited).
import type { ToolRun } from '../../shared/turn-record.ts';
import { noteRead, type TurnContext } from './turn-context.ts';

export type StartedTool = { agent: string; name: string; startedAt: number };

export function finishedToolRun(context: TurnContext, started: StartedTool, callId: string, now: number): ToolRun {
  const note = context.toolCalls.get(callId);
  // The owner's MCP tools (`<server>__<tool>`) answer with text from outside the team.
  if (started.name.includes('__')) noteRead(context, { kind: 'tool', name: started.name });
  const usage = context.toolUsage.get(callId);
  const sources = context.toolSources.get(callId);
  return {
    agent: started.agent,
    name: started.name,
    ms: note?.ms ?? Math.round(now - started.startedAt),
    ok: note?.approved !== false && !context.failedToolCalls.has(callId),
    ...(note?.server ? { server: note.server } : {}),
    ...(note?.approved !== undefined ? { approved: note.approved } : {}),
    ...(usage ? { usage } : {}),
    ...(sources ? { sources } : {}),
  };
}

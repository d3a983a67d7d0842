// A fake-model responder for a cross-domain turn: the Orchestrator hands to `owner`, the owner
// consults `peer` with `question`, the peer answers, the owner replies. The test plays the model;
// each step is told apart by what the SDK sent (tools offered, consult calls already made).

import { buildTeam } from '../../server/agents/team.ts';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import type { ExpertName } from '../../shared/roster.ts';
import type { Responder } from './fake-openai.ts';
import { NO_TOOLS, transferToolName } from './scripted-runtime.ts';

export function consultingModel(script: {
  owner: ExpertName;
  peer: ExpertName;
  question: string;
  peerAnswer: string;
  reply: string;
}): Responder {
  const transfer = transferToolName(buildTeam(NO_TOOLS), script.owner);
  const consult = consultToolName(script.peer);
  return (request) => {
    const tools = request.tools?.map((t) => t.function.name) ?? [];
    if (tools.includes(transfer)) return { toolCalls: [{ name: transfer, arguments: { reason: `${script.owner} owns this.` } }] };
    if (!tools.includes(consult)) return { text: script.peerAnswer };
    const consulted = request.messages.some((m) =>
      (m.tool_calls as { function?: { name?: string } }[] | undefined)?.some((call) => call.function?.name === consult),
    );
    return consulted ? { text: script.reply } : { toolCalls: [{ name: consult, arguments: { question: script.question } }] };
  };
}

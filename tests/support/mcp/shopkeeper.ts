// A fake-model responder for the shop: the Orchestrator hands to Producing, which creates the
// SPRING10 code through the shop's tool, then says what happened (created, or not).
import { buildTeam } from '../../../server/agents/team.ts';
import type { ChatRequest, FakeReply } from '../fake-openai.ts';
import { NO_TOOLS, transferToolName } from '../scripted-runtime.ts';

const TRANSFER = transferToolName(buildTeam(NO_TOOLS), 'Producing');

export function shopkeeper(request: ChatRequest): FakeReply {
  const tools = request.tools?.map((t) => t.function.name) ?? [];
  if (tools.includes(TRANSFER)) return { toolCalls: [{ name: TRANSFER, arguments: { reason: 'Shop admin.' } }] };
  const asked = request.messages.some((m) =>
    (m.tool_calls as { function?: { name?: string } }[] | undefined)?.some(
      (call) => call.function?.name === 'shop__create_discount',
    ),
  );
  const result = request.messages.filter((m) => m.role === 'tool').at(-1);
  if (!asked || !result) return { toolCalls: [{ name: 'shop__create_discount', arguments: { code: 'SPRING10', percent: 10 } }] };
  return { text: String(result.content).includes('Created SPRING10') ? 'Done: SPRING10 gives 10% off.' : 'I did not create it.' };
}

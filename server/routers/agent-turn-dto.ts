// One agent's part in one turn, as the agent view shows it.
import type { AgentTurnRow } from '../../db/queries/agent-turns.ts';
import type { ToolRun } from '../../shared/turn-record.ts';
import { costUsd, type Pricing } from '../cost/pricing.ts';
import { type TurnDto, toTurnDto } from './dto.ts';

export type AgentTurnDto = {
  turnId: string;
  conversationId: string;
  conversationTitle: string;
  status: AgentTurnRow['status'];
  createdAt: string;
  /** The user's message the turn answered. */
  request: string;
  /** handled: the agent routed or answered; consulted: another expert asked it; expected: the user said it should have answered. */
  role: 'handled' | 'consulted' | 'expected';
  /** Why the work reached this agent: the Orchestrator's handoff reason, or the consulting expert's question. */
  reason: string | null;
  /** The Orchestrator's full path, so a reader sees where the request went. */
  agents: string[];
  tools: ToolRun[];
  usage: { inputTokens: number; outputTokens: number };
  latencyMs: number | null;
  costUsd: number | null;
  model: string | null;
  flag: TurnDto['flag'];
  error: { code: string; message: string } | null;
};

export function toAgentTurnDto(agent: string, row: AgentTurnRow, pricing: Pricing): AgentTurnDto {
  const handoff = row.handoffs.find((h) => (agent === 'Orchestrator' ? h.from === agent : h.to === agent));
  const consult = row.consults.find((c) => c.agent === agent);
  const role = !row.agents.includes(agent) ? 'expected' : consult && !handoff ? 'consulted' : 'handled';
  const usage = row.agentUsage.find((u) => u.agent === agent);
  const inputTokens = usage?.inputTokens ?? 0;
  const outputTokens = usage?.outputTokens ?? 0;
  return {
    turnId: row.id,
    conversationId: row.conversationId,
    conversationTitle: row.conversationTitle,
    status: row.status,
    createdAt: row.startedAt.toISOString(),
    request: row.request,
    role,
    reason: role === 'consulted' ? `${consult!.by} asked: ${consult!.question}` : (handoff?.reason ?? null),
    agents: row.agents,
    tools: row.tools.filter((t) => t.agent === agent),
    usage: { inputTokens, outputTokens },
    latencyMs: usage ? usage.ms : null,
    costUsd: usage
      ? costUsd(pricing, usage.model ?? row.model, { inputTokens, cachedInputTokens: usage.cachedInputTokens ?? 0, outputTokens })
      : null,
    model: row.model,
    flag: toTurnDto(row, pricing).flag,
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
  };
}

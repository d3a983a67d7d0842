// Rows and turn events as the API shows them: plain JSON, dates as ISO strings.
import type { MessageRow, TurnRow } from '../../db/schema.ts';
import type { Consult, Handoff, ToolRun } from '../../shared/turn-record.ts';
import type { RememberedFact } from '../agents/turn-context.ts';
import { costUsd, type Pricing } from '../cost/pricing.ts';
import type { TurnEvent } from '../turns/events.ts';

export type MessageDto = {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  agent: string | null;
  turnId: string | null;
  createdAt: string;
};

export type TurnDto = {
  id: string;
  /** Lets a streaming client learn a new conversation's id from the first event. */
  conversationId: string;
  status: 'running' | 'completed' | 'failed';
  agents: string[];
  handoffs: Handoff[];
  tools: ToolRun[];
  usage: { inputTokens: number; outputTokens: number; totalTokens: number; memoryTokens: number };
  agentUsage: TurnRow['agentUsage'];
  consults: Consult[];
  latencyMs: number | null;
  model: string | null;
  /** Estimated from the model's list price; null when the model or its server has no known price. */
  cost: { usd: number } | null;
  error: { code: string; message: string } | null;
  /** Facts this turn's experts remembered that are still current (filled in by chat.history). */
  remembered: RememberedFact[];
  createdAt: string;
};

export function toMessageDto(row: Pick<MessageRow, 'id' | 'role' | 'content' | 'agent' | 'turnId' | 'createdAt'>): MessageDto {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    agent: row.agent,
    turnId: row.turnId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toTurnDto(row: TurnRow, pricing: Pricing, remembered: RememberedFact[] = []): TurnDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: row.status,
    agents: row.agents,
    handoffs: row.handoffs,
    tools: row.tools,
    usage: {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      totalTokens: row.inputTokens + row.outputTokens,
      memoryTokens: row.memoryTokens,
    },
    agentUsage: row.agentUsage,
    consults: row.consults,
    latencyMs: row.latencyMs,
    model: row.model,
    cost: costOf(row, pricing),
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : null,
    remembered,
    createdAt: row.startedAt.toISOString(),
  };
}

function costOf(row: TurnRow, pricing: Pricing): TurnDto['cost'] {
  const usd = costUsd(pricing, row.model, row.inputTokens, row.outputTokens);
  return usd === null ? null : { usd };
}

export type TurnEventDto =
  | { type: 'turn'; turn: TurnDto }
  | Exclude<TurnEvent, { type: 'turn' } | { type: 'done' }>
  | { type: 'done'; conversationId: string; turn: TurnDto; reply: MessageDto }
  | { type: 'error'; code: string; message: string; turnId: string | null };

export function toEventDto(event: TurnEvent, pricing: Pricing): TurnEventDto {
  if (event.type === 'turn') return { type: 'turn', turn: toTurnDto(event.turn, pricing) };
  if (event.type === 'done') return { ...event, turn: toTurnDto(event.turn, pricing), reply: toMessageDto(event.reply) };
  return event;
}

export type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto };

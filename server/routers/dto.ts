// Rows and turn events as the API shows them: plain JSON, dates as ISO strings.
import type { MessageRow, TurnRow } from '../../db/schema.ts';
import type { Approval, Consult, Handoff, Route, ToolRun } from '../../shared/turn-record.ts';
import type { RememberedFact } from '../agents/turn-context.ts';
import { imageCostUsd } from '../cost/image-cost.ts';
import type { Pricing } from '../cost/pricing.ts';
import { turnCostUsd } from '../cost/turn-cost.ts';
import type { DocumentRefDto } from '../documents/document-dto.ts';
import { ERRORS } from '../errors.ts';
import type { AttachmentDto } from '../files/file-dto.ts';
import type { LiveEvent } from '../turns/events.ts';

export type MessageDto = {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  agent: string | null;
  turnId: string | null;
  /** A reply cut short by Stop: the text streamed until then. */
  stopped: boolean;
  createdAt: string;
  /** Images the reply's turn drew; present only when there are some. */
  attachments?: AttachmentDto[];
  /** Documents the reply's turn wrote or updated (its cards); present only when there are some. */
  documents?: DocumentRefDto[];
};

/** A priced tool call (an image drawn on OpenAI) carries its estimated cost; null when unknown. */
export type ToolRunDto = ToolRun & { costUsd?: number | null };

export type TurnDto = {
  id: string;
  /** Lets a streaming client learn a new conversation's id from the first event. */
  conversationId: string;
  status: TurnRow['status'];
  agents: string[];
  handoffs: Handoff[];
  /** How the Orchestrator's choice was found (see shared/turn-record.ts); meaningful once completed. */
  route: Route;
  tools: ToolRunDto[];
  /** The calls the turn paused on (awaiting_approval), and how each was decided; present when there were some. */
  approvals?: Approval[];
  usage: {
    inputTokens: number;
    /** Of inputTokens, those the API served from its prompt cache (billed at the cached rate). */
    cachedInputTokens: number;
    outputTokens: number;
    totalTokens: number;
    memoryTokens: number;
  };
  agentUsage: TurnRow['agentUsage'];
  consults: Consult[];
  latencyMs: number | null;
  model: string | null;
  /** Estimated from the models' list prices; null when a model or its server has no known price. */
  cost: { usd: number } | null;
  error: { code: string; message: string } | null;
  /** The user's correction of the route (chat.flagRouting): the expert that should have answered. */
  flag: { expected: string; flaggedAt: string } | null;
  /** Facts this turn's experts remembered that are still current (filled in by chat.history). */
  remembered: RememberedFact[];
  createdAt: string;
};

export function toMessageDto(
  row: Pick<MessageRow, 'id' | 'role' | 'content' | 'agent' | 'turnId' | 'stopped' | 'createdAt'>,
  attachments: AttachmentDto[] = [],
  documents: DocumentRefDto[] = [],
): MessageDto {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    agent: row.agent,
    turnId: row.turnId,
    stopped: row.stopped,
    createdAt: row.createdAt.toISOString(),
    ...(attachments.length ? { attachments } : {}),
    ...(documents.length ? { documents } : {}),
  };
}

export function toTurnDto(row: TurnRow, pricing: Pricing, remembered: RememberedFact[] = []): TurnDto {
  return {
    id: row.id,
    conversationId: row.conversationId,
    status: row.status,
    agents: row.agents,
    handoffs: row.handoffs,
    route: row.route,
    tools: row.tools.map(({ usage, ...run }) => (usage ? { ...run, usage, costUsd: imageCostUsd(pricing, usage) } : run)),
    ...(row.approvals.length ? { approvals: row.approvals } : {}),
    usage: {
      inputTokens: row.inputTokens,
      cachedInputTokens: row.cachedInputTokens,
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
    flag: row.flaggedExpert && row.flaggedAt ? { expected: row.flaggedExpert, flaggedAt: row.flaggedAt.toISOString() } : null,
    remembered,
    createdAt: row.startedAt.toISOString(),
  };
}

function costOf(row: TurnRow, pricing: Pricing): TurnDto['cost'] {
  const usd = turnCostUsd(row, pricing);
  return usd === null ? null : { usd };
}

export type TurnEventDto =
  | { type: 'turn'; turn: TurnDto }
  | Exclude<LiveEvent, { type: 'turn' | 'done' | 'cancelled' | 'failed' | 'approval' }>
  | { type: 'approval'; turnId: string; conversationId: string; turn: TurnDto; approvals: Approval[] }
  | { type: 'done'; conversationId: string; turn: TurnDto; reply: MessageDto }
  | { type: 'cancelled'; conversationId: string; turn: TurnDto; reply: MessageDto | null }
  | { type: 'error'; code: string; message: string; turnId: string | null };

export function toEventDto(event: LiveEvent, pricing: Pricing): TurnEventDto {
  switch (event.type) {
    case 'turn':
      return { type: 'turn', turn: toTurnDto(event.turn, pricing) };
    case 'done': {
      const { attachments, documents, ...done } = event;
      return { ...done, turn: toTurnDto(event.turn, pricing), reply: toMessageDto(event.reply, attachments, documents) };
    }
    case 'cancelled': {
      const { attachments, documents, ...cancelled } = event;
      return {
        ...cancelled,
        turn: toTurnDto(event.turn, pricing),
        reply: event.reply && toMessageDto(event.reply, attachments, documents),
      };
    }
    case 'approval':
      return { ...event, turn: toTurnDto(event.turn, pricing) };
    case 'failed':
      return { type: 'error', code: ERRORS[event.code].trpc, message: event.message, turnId: event.turnId };
    default:
      return event;
  }
}

/** `reply` null: the turn paused for the owner's approval (turn.status awaiting_approval). */
export type SendResult = { conversationId: string; turn: TurnDto; reply: MessageDto | null };

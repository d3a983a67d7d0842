// A routine as the API shows it: its schedule, when it runs next, how its last run went.
import type { RoutineWithUnread, RunWithTurn } from '../../db/queries/routines.ts';
import type { Pricing } from '../cost/pricing.ts';
import { type TurnDto, toTurnDto } from '../routers/dto.ts';
import { inputOf } from './routine-service.ts';

export type RoutineDto = {
  id: string;
  businessId: string;
  title: string;
  prompt: string;
  schedule: { cron: string; timezone: string };
  /** The expert that answers every run; null: the Orchestrator routes each one. */
  expert: string | null;
  enabled: boolean;
  webhook: string | null;
  conversationId: string;
  /** Null while paused. */
  nextRunAt: string | null;
  lastRun: RunDto | null;
  /** Runs settled since the owner last opened the routine's conversation. */
  unread: number;
  createdAt: string;
  updatedAt: string;
};

/** A run is its turn, plus the slot it answered (null for a run started by hand). */
export type RunDto = TurnDto & { scheduledFor: string | null };

export function toRunDto({ run, turn }: RunWithTurn, pricing: Pricing): RunDto {
  return { ...toTurnDto(turn, pricing), scheduledFor: run.scheduledFor?.toISOString() ?? null };
}

export function toRoutineDto(
  routine: RoutineWithUnread,
  extra: { nextRunAt: Date | null; lastRun: RunWithTurn | undefined },
  pricing: Pricing,
): RoutineDto {
  return {
    id: routine.id,
    businessId: routine.businessId,
    ...inputOf(routine),
    conversationId: routine.conversationId,
    nextRunAt: extra.nextRunAt?.toISOString() ?? null,
    lastRun: extra.lastRun ? toRunDto(extra.lastRun, pricing) : null,
    unread: routine.unread,
    createdAt: routine.createdAt.toISOString(),
    updatedAt: routine.updatedAt.toISOString(),
  };
}

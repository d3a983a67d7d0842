// A paused run carrying on: its state restored with the owner's decisions, then streamed to its
// end (or its next pause) by the expert that had it, like any run of the turn.

import type { ExpertName } from '../../shared/roster.ts';
import type { Approval } from '../../shared/turn-record.ts';
import { DomainError } from '../errors.ts';
import type { TurnEvent } from './events.ts';
import { restoreRun } from './paused-run.ts';
import { type AgentRun, expertNamed, type RouteParams, streamed } from './route-request.ts';

export type ResumeParams = Omit<RouteParams, 'input' | 'callModelInputFilter'> & { runState: string; approvals: Approval[] };

export async function* resumeRun(
  p: ResumeParams,
): AsyncGenerator<TurnEvent, { expert: ExpertName; answer: AgentRun }, undefined> {
  const router = p.team.orchestrator;
  const state = await restoreRun(p.team, p.runState, p.context, p.approvals);
  const agent = state.currentAgent;
  yield p.recorder.resume(router.name, agent.name);
  const answer = yield* streamed({ ...p, input: state }, agent);
  const expert = expertNamed(answer.lastAgent?.name ?? agent.name);
  // Only experts have tools that ask: a paused run always belongs to one.
  if (!expert) throw new DomainError('INTERNAL');
  return { expert, answer };
}

// chat.approve's step under the conversation's lock: record the owner's decision on one call of a
// paused turn, keep an "always allow", and say whether the run resumes now (no call left pending).
import type { Db } from '../../db/client.ts';
import { allowTool } from '../../db/queries/allowances.ts';
import { recordDecision } from '../../db/queries/approvals.ts';
import { findConversation } from '../../db/queries/conversations.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { TurnRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';
import { decide } from './paused-run.ts';

export type Decision = { turnId: string; approvalId: string; decision: 'approve' | 'reject'; always?: boolean };

export type Decided = { kind: 'waiting'; turn: TurnRow } | { kind: 'resume'; turn: TurnRow; runState: string };

export async function decideAndResume(db: Db, decision: Decision): Promise<Decided> {
  const turn = await findTurn(db, decision.turnId);
  if (!turn) throw new DomainError('TURN_NOT_FOUND');
  const approvals = decide(turn, decision.approvalId, decision.decision, new Date());
  const { runState } = turn;
  // Fenced on the paused attempt: of two deciders racing past the lock, one writes, one hears CONFLICT.
  const updated = runState ? await recordDecision(db, turn, approvals) : null;
  if (!updated || !runState) throw new DomainError('APPROVAL_DECIDED', { turnId: turn.id });
  const approval = approvals.find((a) => a.id === decision.approvalId)!;
  if (decision.always && decision.decision === 'approve' && approval.server) {
    const conversation = await findConversation(db, turn.conversationId);
    if (conversation) await allowTool(db, conversation.businessId, { server: approval.server, tool: approval.tool });
  }
  return updated.status === 'running' ? { kind: 'resume', turn: updated, runState } : { kind: 'waiting', turn: updated };
}

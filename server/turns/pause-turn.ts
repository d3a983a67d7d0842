// The end of a run that stopped at calls needing the owner's yes: its state and those calls are
// stored with the turn (awaiting_approval), fenced like a finish, and its watchers see `approval`.
import type { Db } from '../../db/client.ts';
import { pauseTurn } from '../../db/queries/approvals.ts';
import type { TurnRecord, TurnRun } from '../../db/queries/turns.ts';
import type { TurnRow } from '../../db/schema.ts';
import type { CallTarget } from '../connections/turn-tools.ts';
import { DomainError } from '../errors.ts';
import type { TurnAwaiting } from './events.ts';
import { approvalsOf } from './paused-run.ts';
import type { AgentRun } from './route-request.ts';

export async function pauseRun(
  db: Db,
  paused: { run: TurnRun; turn: TurnRow; answer: AgentRun; record: TurnRecord; target?: (toolName: string) => CallTarget | null },
): Promise<TurnAwaiting> {
  const { turn, answer } = paused;
  const approvals = approvalsOf(answer.interruptions, answer.lastAgent?.name, paused.target ?? (() => null));
  const row = await pauseTurn(db, paused.run, { record: paused.record, runState: answer.state.toString(), approvals });
  // Not applied: the turn was failed or rerun after our lock went; its state is not ours to store.
  if (!row) throw new DomainError('LOCK_LOST', { turnId: turn.id });
  return { type: 'approval', turnId: turn.id, conversationId: turn.conversationId, turn: row, approvals };
}

// The end of a cancelled turn: what streamed so far becomes its reply (marked stopped), with the
// tokens used so far and the images drawn before Stop. The turn's watchers then see `cancelled`.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { closeCancelledTurn } from '../../db/queries/cancel-turn.ts';
import type { TurnRecord, TurnRun } from '../../db/queries/turns.ts';
import type { AttachmentDto } from '../files/file-dto.ts';
import type { TurnCancelled } from './events.ts';
import type { LiveTurn } from './running-turns.ts';

type StopDeps = { db: Db; tokensOf: (text: string) => number };

/** Null when the run no longer owns the turn (a sweep failed it, or a retry took it over). */
export async function stopTurn(
  deps: StopDeps,
  live: LiveTurn,
  run: TurnRun,
  record: TurnRecord,
  images: AttachmentDto[],
): Promise<TurnCancelled | null> {
  const finishedAt = new Date();
  const text = live.text.trim();
  const reply = text
    ? {
        id: randomUUID(),
        conversationId: live.conversationId,
        turnId: live.turnId,
        role: 'assistant' as const,
        content: text,
        agent: live.agent,
        tokens: deps.tokensOf(text),
        clientMessageId: null,
        stopped: true,
        createdAt: finishedAt,
      }
    : null;
  // A model call cut off mid-stream reports no usage: what the finished calls used is what is known.
  const used = record.agentUsage.reduce(
    (sum, u) => ({ inputTokens: sum.inputTokens + u.inputTokens, outputTokens: sum.outputTokens + u.outputTokens }),
    {
      inputTokens: 0,
      outputTokens: 0,
    },
  );
  const full = {
    ...record,
    inputTokens: Math.max(record.inputTokens, used.inputTokens),
    outputTokens: Math.max(record.outputTokens, used.outputTokens),
  };
  const row = await closeCancelledTurn(deps.db, { reply, run, conversationId: live.conversationId, record: full, finishedAt });
  if (!row) return null;
  return { type: 'cancelled', conversationId: live.conversationId, turn: row, reply, attachments: reply ? images : [] };
}

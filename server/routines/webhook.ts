// The owner hears what happened while away: a POST to the routine's webhook (or
// SWITCHBOARD_NOTIFY_URL) when a run finishes, fails or waits for approval. Delivery is a job of
// its own, retried with backoff, so a slow or broken listener never holds up a run.
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { findReply } from '../../db/queries/messages.ts';
import type { RoutineRow, TurnRow } from '../../db/schema.ts';

export const WEBHOOK_QUEUE = 'routine-webhook';
export const WEBHOOK_QUEUE_OPTIONS = { retryLimit: 4, retryDelay: 5, retryBackoff: true, expireInSeconds: 60 } as const;

/** The outcomes the owner is told about; a run still going or stopped by hand is not one. */
const TOLD = new Set<string>(['completed', 'failed', 'awaiting_approval']);
const EXCERPT_CHARS = 280;
const DELIVERY_TIMEOUT_MS = 10_000;

export type WebhookBody = {
  routine: { id: string; title: string };
  turn: { id: string; status: string };
  excerpt: string;
  url: string;
};
export type WebhookJob = { target: string; body: WebhookBody };

export type Notifier = { db: Db; boss: PgBoss; notifyUrl?: string; publicUrl: () => string };

/** Queues the POST for a run's outcome; nothing when the run has none to tell or nowhere to tell it. */
export async function notifyOutcome(n: Notifier, routine: RoutineRow, turn: TurnRow): Promise<void> {
  const target = routine.webhook ?? n.notifyUrl;
  if (!target || !TOLD.has(turn.status)) return;
  const body: WebhookBody = {
    routine: { id: routine.id, title: routine.title },
    turn: { id: turn.id, status: turn.status },
    excerpt: await excerptOf(n.db, turn),
    url: `${n.publicUrl().replace(/\/+$/, '')}/c/${turn.conversationId}?turn=${turn.id}`,
  };
  await n.boss.send(WEBHOOK_QUEUE, { target, body } satisfies WebhookJob);
}

async function excerptOf(db: Db, turn: TurnRow): Promise<string> {
  if (turn.status === 'failed') return turn.errorMessage ?? 'The run failed.';
  if (turn.status !== 'completed') return 'The run is waiting for your approval before it goes on.';
  const text = (await findReply(db, turn.id))?.content ?? '';
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1).trimEnd()}…` : text;
}

/** One attempt; a refusal or no answer throws, and the job engine tries again later. */
export async function deliverWebhook(job: WebhookJob, attempt: number, logger: Logger): Promise<void> {
  // Only the host is logged: a webhook URL often carries its secret in the path or query.
  const host = new URL(job.target).host;
  try {
    const response = await fetch(job.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard routines' },
      body: JSON.stringify(job.body),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: 'error',
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the listener answered HTTP ${response.status}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ host, routineId: job.body.routine.id, turnId: job.body.turn.id, attempt, reason }, 'webhook delivery failed');
    throw new Error(`webhook to ${host} failed: ${reason}`);
  }
}

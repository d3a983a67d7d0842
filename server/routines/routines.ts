// Routines, composed: the job engine, its two queues and their workers, and routines.* for the API.
// The engine starts in the background: /api/health and chat never wait for it.
import { type Clock, systemClock } from 'pg-boss';
import type { Database } from '../../db/client.ts';
import { enabledRoutines, findRoutine } from '../../db/queries/routines.ts';
import type { TurnDeps } from '../turns/run-turn.ts';
import { createJobEngine, POLL_SECONDS } from './job-engine.ts';
import { type RoutineService, RUN_QUEUE, routineService, scheduleOn } from './routine-service.ts';
import { handleRunJob, RUN_QUEUE_OPTIONS, type RunJob } from './run-worker.ts';
import { deliverWebhook, notifyOutcome, WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS, type WebhookJob } from './webhook.ts';

export type RoutinesOptions = {
  chat: TurnDeps;
  database: Database;
  /** Postgres: the URL the job engine opens its pool on. */
  databaseUrl?: string;
  /** SWITCHBOARD_NOTIFY_URL: where runs of routines without a webhook of their own are told. */
  notifyUrl?: string;
  /** Where the owner opens Switchboard: webhook links point here. */
  publicUrl: () => string;
  clock?: Clock;
  /** Runs at once per instance (default 4). */
  concurrency?: number;
};

export type Routines = RoutineService & { start(): Promise<void>; stop(): Promise<void> };

export function createRoutines(options: RoutinesOptions): Routines {
  const { chat } = options;
  const { db, logger } = chat;
  const boss = createJobEngine({ database: options.database, url: options.databaseUrl, logger, clock: options.clock });
  const notifier = { db, boss, notifyUrl: options.notifyUrl, publicUrl: options.publicUrl };
  // A failed notification is logged, never the run's failure: the outcome is stored either way.
  const notify: Parameters<typeof routineService>[0]['notify'] = (routine, turn) =>
    notifyOutcome(notifier, routine, turn).catch((err: unknown) =>
      logger.warn({ routineId: routine.id, err }, 'could not queue a routine’s notification'),
    );
  const unschedule = (routineId: string) => boss.unschedule(RUN_QUEUE, routineId);
  let starting: Promise<void> | null = null;
  let stopped = false;

  async function start(): Promise<void> {
    const began = performance.now();
    await boss.start();
    await boss.createQueue(RUN_QUEUE, RUN_QUEUE_OPTIONS);
    await boss.createQueue(WEBHOOK_QUEUE, WEBHOOK_QUEUE_OPTIONS);
    await reconcile();
    const polling = { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: POLL_SECONDS } as const;
    await boss.work<{ routineId: string }>(RUN_QUEUE, { ...polling, localConcurrency: options.concurrency ?? 4 }, ([job]) =>
      handleRunJob({ chat, notify, unschedule }, job as RunJob),
    );
    await boss.work<WebhookJob>(WEBHOOK_QUEUE, polling, ([job]) => deliverWebhook(job!.data, job!.retryCount + 1, logger));
    logger.info({ ms: Math.round(performance.now() - began) }, 'routines scheduler started');
  }

  /** The engine's schedules follow the routines table (a write between the two may have been cut off). */
  async function reconcile(): Promise<void> {
    const scheduled = new Set((await boss.getSchedules(RUN_QUEUE)).map((s) => s.key));
    for (const routine of await enabledRoutines(db)) {
      if (!scheduled.delete(routine.id)) await scheduleOn(boss, routine);
    }
    for (const key of scheduled) if (!(await findRoutine(db, key))?.enabled) await unschedule(key);
  }

  const ready = () => {
    if (stopped) return Promise.reject(new Error('routines are stopped'));
    starting ??= start().catch((error: unknown) => {
      starting = null;
      throw error;
    });
    return starting;
  };
  return {
    ...routineService({ chat, boss, ready, notify, now: () => new Date((options.clock ?? systemClock).now()) }),
    start: ready,
    async stop() {
      stopped = true;
      if (!starting) return;
      await starting.catch(() => {});
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

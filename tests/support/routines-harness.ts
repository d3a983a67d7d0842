// Routines over a test database with pg-boss's own TestClock: slots come due when the test moves
// the clock, so a minute's schedule is exercised without waiting a minute.

import { Usage } from '@openai/agents';
import { assistantMessage, modelResponder, type RecordedModelCall } from '@openai/agents/testing';
import { eq } from 'drizzle-orm';
import { TestClock } from 'pg-boss';
import { type Logger, pino } from 'pino';
import { routineRuns, turns } from '../../db/schema.ts';
import type { TurnTools } from '../../server/connections/turn-tools.ts';
import { createCaller } from '../../server/routers/index.ts';
import { createRoutines } from '../../server/routines/routines.ts';
import { chatHarness } from './chat-harness.ts';
import { inputTexts } from './scripted-runtime.ts';
import type { Instance } from './two-instances.ts';

export type RoutinesHarness = Awaited<ReturnType<typeof routinesOn>>;

/** One instance's API with routines running on `clock`; `stop()` is that instance going away. */
export async function routinesOn(
  instance: Instance,
  clock: TestClock,
  options: { notifyUrl?: string; logger?: Logger; connections?: TurnTools } = {},
) {
  const harness = chatHarness(instance.database, {
    lock: instance.lock,
    logger: options.logger,
    connections: options.connections,
  });
  const routines = createRoutines({
    chat: harness.chat,
    database: instance.database,
    databaseUrl: instance.url,
    notifyUrl: options.notifyUrl,
    publicUrl: () => 'http://switchboard.test',
    clock,
  });
  await routines.start();
  return {
    ...harness,
    routines,
    api: createCaller({ chat: harness.chat, routines, authorized: true }),
    stop: () => routines.stop(),
  };
}

export const newClock = (at: string) => new TestClock(new Date(at));

/** A reply to any request, `n` times: the expert answers "Done: <request's first line>". */
export function answers(n: number, hold?: (call: RecordedModelCall) => Promise<void>) {
  const usage = () => new Usage({ requests: 1, inputTokens: 10, outputTokens: 5, totalTokens: 15 });
  return Array.from({ length: n }, () =>
    modelResponder(async (call) => {
      await hold?.(call);
      const request = inputTexts(call.request.input).at(-1) ?? '';
      return { output: [assistantMessage(`Done: ${request.split('\n')[0]}`)], usage: usage() };
    }),
  );
}

export const quiet = () => pino({ level: 'silent' });

/** Runs of a routine whose turns have settled, oldest first. */
export async function settledRuns(h: { chat: { db: RoutinesHarness['chat']['db'] } }, routineId: string) {
  const rows = await h.chat.db
    .select({ scheduledFor: routineRuns.scheduledFor, status: turns.status, turnId: turns.id, jobId: routineRuns.jobId })
    .from(routineRuns)
    .innerJoin(turns, eq(turns.id, routineRuns.turnId))
    .where(eq(routineRuns.routineId, routineId))
    .orderBy(routineRuns.createdAt);
  return rows.filter((row) => row.status !== 'running');
}

/** Waits (real time) until `check` holds: job handlers run beside the test clock, not on it. */
export async function until<T>(check: () => Promise<T | false | undefined | null>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Moves the engine's clock in steps until `check` holds: a handler runs in real time beside the
 * clock, so each step gives it a moment before looking.
 */
export async function advanceUntil<T>(
  clock: TestClock,
  check: () => Promise<T | false | undefined | null>,
  what: string,
  options: { stepMs?: number; maxMs?: number } = {},
): Promise<T> {
  const step = options.stepMs ?? 10_000;
  for (let moved = 0; moved <= (options.maxMs ?? 10 * 60_000); moved += step) {
    const value = await until(check, what, 200).catch(() => null);
    if (value) return value;
    await clock.tick(step);
  }
  throw new Error(`${what} did not happen`);
}

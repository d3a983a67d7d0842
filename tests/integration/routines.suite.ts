// Routines on the job engine, one suite for both drivers. pg-boss's TestClock moves the engine's
// time (its timers and the database's job_now()); each run is a real turn on a scripted model.
import { tool } from '@openai/agents';
import { modelError } from '@openai/agents/testing';
import { eq } from 'drizzle-orm';
import { APIConnectionError } from 'openai';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type ZodError, z } from 'zod';
import { turns } from '../../db/schema.ts';
import type { TurnToolset } from '../../server/connections/turn-tools.ts';
import { rejection } from '../support/chat-harness.ts';
import { gate } from '../support/echo-model.ts';
import {
  advanceUntil,
  answers,
  newClock,
  type RoutinesHarness,
  routinesOn,
  settledRuns,
  until,
} from '../support/routines-harness.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';
import { webhookListener } from '../support/webhook-listener.ts';

// The tests share one database, and pg-boss's cron claim there (the time of the last pass): each
// test's clock starts later than the one before, as time does.
const iso = (dates: (Date | null)[]) => dates.map((d) => d?.toISOString() ?? null);

export function routinesSuite(kind: DriverKind) {
  let a: Instance;
  let b: Instance;
  let close: () => Promise<void>;
  const started: RoutinesHarness[] = [];
  beforeAll(async () => {
    ({ a, b, close } = await twoInstances(kind));
  });
  // Each test's routines go with it: a schedule left behind would run on the next test's instances.
  afterEach(async () => {
    const h = started[0];
    if (h) for (const routine of (await h.api.routines.list()).items) await h.api.routines.delete({ routineId: routine.id });
    await Promise.all(started.splice(0).map((each) => each.stop()));
  });
  afterAll(() => close());

  const on = async (instance: Instance, clock: ReturnType<typeof newClock>, options?: Parameters<typeof routinesOn>[2]) => {
    const h = await routinesOn(instance, clock, options);
    started.push(h);
    return h;
  };
  const stop = async (h: RoutinesHarness) => {
    started.splice(started.indexOf(h), 1);
    await h.stop();
  };
  const turnsIn = async (h: RoutinesHarness, conversationId: string) =>
    h.chat.db.select().from(turns).where(eq(turns.conversationId, conversationId)).orderBy(turns.startedAt);
  const runsReach = (h: RoutinesHarness, routineId: string, n: number) =>
    until(async () => {
      const runs = await settledRuns(h, routineId);
      return runs.length >= n && runs;
    }, `${n} settled runs`);

  it('runs an every-minute routine once a minute across two instances, each run a turn in its conversation', async () => {
    const clock = newClock('2027-01-04T09:00:30Z');
    const [ha, hb] = [await on(a, clock), await on(b, clock)];
    ha.script(...answers(4));
    hb.script(...answers(4));
    const routine = await ha.api.routines.create({
      title: 'Minute report',
      prompt: 'Post the numbers.',
      schedule: { cron: '* * * * *', timezone: 'UTC' },
      expert: 'Media',
    });
    expect(routine).toMatchObject({ nextRunAt: '2027-01-04T09:01:00.000Z', enabled: true, unread: 0, lastRun: null });
    for (let minute = 1; minute <= 3; minute++) {
      await clock.tick(60_000);
      await runsReach(ha, routine.id, minute);
    }
    await clock.tick(20_000);
    const runs = await settledRuns(ha, routine.id);
    expect(iso(runs.map((r) => r.scheduledFor))).toEqual([
      '2027-01-04T09:01:00.000Z',
      '2027-01-04T09:02:00.000Z',
      '2027-01-04T09:03:00.000Z',
    ]);
    // Exactly once: three turns, no more, all answered by the routine's expert without routing.
    const stored = await turnsIn(ha, routine.conversationId);
    expect(stored.map((t) => [t.status, t.agents, t.route])).toEqual(Array(3).fill(['completed', ['Media'], 'assigned']));
    const { messages } = await hb.api.chat.history({ conversationId: routine.conversationId });
    expect(messages[0]!.content).toMatch(/^Post the numbers\.\n\n\(Scheduled run for Monday, 4 January 2027 at 09:01, UTC\.\)$/);
  });

  it('catches up the slots missed while every instance was down with one run, then keeps the schedule', async () => {
    const clock = newClock('2027-02-01T09:59:30Z');
    const first = await on(a, clock);
    first.script(...answers(1));
    const routine = await first.api.routines.create({
      title: 'Hourly check',
      prompt: 'Check the inbox.',
      schedule: { cron: '0 * * * *', timezone: 'Europe/Berlin' },
    });
    await clock.tick(60_000);
    await runsReach(first, routine.id, 1);
    await stop(first);
    // Down through 11:00, 12:00 and 13:00.
    await clock.setTime(new Date('2027-02-01T13:20:00Z'));
    const back = await on(a, clock);
    back.script(...answers(3));
    await clock.tick(30_000);
    await runsReach(back, routine.id, 2);
    await clock.tick(60_000);
    expect(iso((await settledRuns(back, routine.id)).map((r) => r.scheduledFor))).toEqual([
      '2027-02-01T10:00:00.000Z',
      '2027-02-01T13:00:00.000Z',
    ]);
    await clock.setTime(new Date('2027-02-01T13:59:50Z'));
    await clock.tick(30_000);
    await runsReach(back, routine.id, 3);
    expect((await settledRuns(back, routine.id)).at(-1)!.scheduledFor!.toISOString()).toBe('2027-02-01T14:00:00.000Z');
  });

  it('stops running while paused, and does not catch up the paused slots when resumed', async () => {
    const clock = newClock('2027-03-01T08:00:30Z');
    const h = await on(a, clock);
    h.script(...answers(3));
    const routine = await h.api.routines.create({
      title: 'Pausable',
      prompt: 'Say hi.',
      schedule: { cron: '* * * * *', timezone: 'UTC' },
      expert: 'Strategic',
    });
    await clock.tick(60_000);
    await runsReach(h, routine.id, 1);
    const paused = await h.api.routines.update({ routineId: routine.id, enabled: false });
    expect(paused).toMatchObject({ enabled: false, nextRunAt: null });
    for (let i = 0; i < 3; i++) await clock.tick(60_000);
    expect(await settledRuns(h, routine.id)).toHaveLength(1);
    const resumed = await h.api.routines.update({ routineId: routine.id, enabled: true });
    expect(resumed.nextRunAt).toBe('2027-03-01T08:05:00.000Z');
    await clock.tick(60_000);
    await runsReach(h, routine.id, 2);
    await clock.tick(20_000);
    expect(iso((await settledRuns(h, routine.id)).map((r) => r.scheduledFor))).toEqual([
      '2027-03-01T08:01:00.000Z',
      '2027-03-01T08:05:00.000Z',
    ]);
  });

  it('makes "run now" during a scheduled run wait its turn: never two turns at once in the conversation', async () => {
    const clock = newClock('2027-04-05T07:59:40Z');
    const h = await on(a, clock);
    const reached = gate();
    const released = gate();
    let held = false;
    h.script(
      ...answers(2, async () => {
        if (held) return;
        held = true;
        reached.open();
        await released.promise;
      }),
    );
    const routine = await h.api.routines.create({
      title: 'Slow one',
      prompt: 'Write the weekly plan.',
      schedule: { cron: '0 8 * * 1', timezone: 'UTC' },
      expert: 'Producing',
    });
    await clock.tick(30_000);
    await reached.promise;
    const byHand = h.api.routines.runNow({ routineId: routine.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await turnsIn(h, routine.conversationId);
    expect(during.map((t) => t.status)).toEqual(['running']);
    released.open();
    const { turn } = await byHand;
    expect(turn.status).toBe('completed');
    const [scheduled, manual] = await turnsIn(h, routine.conversationId);
    expect(manual!.id).toBe(turn.id);
    expect(manual!.startedAt.getTime()).toBeGreaterThanOrEqual(scheduled!.finishedAt!.getTime());
    const { items } = await h.api.routines.runs({ routineId: routine.id });
    expect(items.map((r) => r.scheduledFor)).toEqual([null, '2027-04-05T08:00:00.000Z']);
  });

  it('runs a daily routine once on the night the clocks go back (America/New_York)', async () => {
    // 2027-11-07: 01:30 happens twice, at 05:30Z (EDT) and 06:30Z (EST).
    const clock = newClock('2027-11-06T12:00:00Z');
    const h = await on(a, clock);
    h.script(...answers(2));
    const routine = await h.api.routines.create({
      title: 'Night batch',
      prompt: 'Summarise yesterday.',
      schedule: { cron: '30 1 * * *', timezone: 'America/New_York' },
      expert: 'Strategic',
    });
    expect(routine.nextRunAt).toBe('2027-11-07T05:30:00.000Z');
    await clock.setTime(new Date('2027-11-07T05:29:30Z'));
    await clock.tick(60_000);
    await runsReach(h, routine.id, 1);
    expect((await h.api.routines.list()).items.find((r) => r.id === routine.id)!.nextRunAt).toBe('2027-11-08T06:30:00.000Z');
    await clock.setTime(new Date('2027-11-07T06:29:30Z'));
    await clock.tick(60_000);
    await clock.setTime(new Date('2027-11-08T06:29:30Z'));
    await clock.tick(60_000);
    await runsReach(h, routine.id, 2);
    await clock.tick(20_000);
    expect(iso((await settledRuns(h, routine.id)).map((r) => r.scheduledFor))).toEqual([
      '2027-11-07T05:30:00.000Z',
      '2027-11-08T06:30:00.000Z',
    ]);
  });

  it('retries a failed run with backoff in the same turn; a run that keeps failing stays failed and the next slot runs', async () => {
    const clock = newClock('2028-05-03T09:59:30Z');
    const h = await on(a, clock);
    h.script(modelError(new APIConnectionError({ message: 'upstream down' })), ...answers(1));
    const routine = await h.api.routines.create({
      title: 'Flaky',
      prompt: 'Fetch the orders.',
      schedule: { cron: '0 * * * *', timezone: 'UTC' },
      expert: 'Producing',
    });
    const nth = async (n: number) => (await turnsIn(h, routine.conversationId))[n];
    const first = await advanceUntil(clock, async () => (await nth(0))?.status === 'completed' && nth(0), 'the retry to succeed');
    expect(first).toMatchObject({ status: 'completed', attempt: 2 });
    expect((await settledRuns(h, routine.id)).map((r) => r.turnId)).toEqual([first!.id]);

    h.script(...Array.from({ length: 3 }, () => modelError(new APIConnectionError({ message: 'still down' }))), ...answers(1));
    await clock.setTime(new Date('2028-05-03T10:59:30Z'));
    const failed = await advanceUntil(
      clock,
      async () => (await nth(1))?.attempt === 3 && (await nth(1))?.status === 'failed' && nth(1),
      'three failed attempts',
    );
    // Kept failed with its reason: no fourth attempt however long the engine runs.
    await clock.tick(10 * 60_000);
    expect(await nth(1)).toMatchObject({ id: failed!.id, status: 'failed', attempt: 3, errorCode: 'MODEL_UNAVAILABLE' });
    expect(failed!.errorMessage).toMatch(/model service could not be reached/);
    await clock.setTime(new Date('2028-05-03T11:59:30Z'));
    await advanceUntil(clock, async () => (await nth(2))?.status === 'completed', 'the next slot to run');
    expect((await turnsIn(h, routine.conversationId)).map((t) => t.status)).toEqual(['completed', 'failed', 'completed']);
  }, 180_000);

  it('posts each outcome to the webhook, retrying a failing listener without holding up the run', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    // The first two deliveries are refused; the third is taken.
    const listener = await webhookListener((attempt) => (attempt <= 2 ? 500 : 204));
    const clock = newClock('2028-06-07T09:59:30Z');
    const h = await on(a, clock, { logger });
    h.script(...answers(1));
    try {
      const routine = await h.api.routines.create({
        title: 'Morning post',
        prompt: 'Draft the morning post.',
        schedule: { cron: '0 10 * * *', timezone: 'UTC' },
        expert: 'Media',
        webhook: listener.url,
      });
      const [run] = await advanceUntil(
        clock,
        async () => (await settledRuns(h, routine.id))[0] && settledRuns(h, routine.id),
        'the run',
      );
      // The run is done and shown while its notification is still being refused.
      expect(run!.status).toBe('completed');
      await advanceUntil(clock, async () => listener.received.length > 0, 'a delivery');
      expect(listener.attempts()).toBe(3);
      expect(listener.received).toEqual([
        {
          contentType: 'application/json',
          body: {
            routine: { id: routine.id, title: 'Morning post' },
            turn: { id: run!.turnId, status: 'completed' },
            excerpt: 'Done: Draft the morning post.',
            url: `http://switchboard.test/c/${routine.conversationId}?turn=${run!.turnId}`,
          },
        },
      ]);
      const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'webhook delivery failed');
      expect(failures.map((f) => f.attempt)).toEqual([1, 2]);
      expect(failures[0]).toMatchObject({ host: new URL(listener.url).host, reason: 'the listener answered HTTP 500' });
      // The secret path never reaches the log.
      expect(lines.join('\n')).not.toContain('secret-path');
    } finally {
      await listener.close();
    }
  }, 180_000);

  it('tells the webhook that a run waits for approval, and again how it ended once the owner approved it', async () => {
    const listener = await webhookListener(() => 204);
    const clock = newClock('2028-06-08T09:00:00Z');
    const created: unknown[] = [];
    const createDiscount = tool({
      name: 'shop__create_discount',
      description: 'Create a discount code',
      parameters: z.object({ code: z.string() }),
      needsApproval: true,
      async execute(input) {
        created.push(input);
        return `Created ${input.code}.`;
      },
    });
    const toolset: TurnToolset = {
      tools: { Producing: [createDiscount] },
      notes: {},
      target: (name) => (name === createDiscount.name ? { server: 'shop', tool: 'create_discount' } : null),
    };
    const h = await on(a, clock, { connections: { forTurn: async () => toolset } });
    // The routine names Producing, so no routing call: the expert asks for the write at once.
    h.script(callTool('shop__create_discount', { code: 'MONDAY10' }), reply('Created MONDAY10.'));
    try {
      const routine = await h.api.routines.create({
        title: 'Monday discount',
        prompt: 'Create this week’s discount code.',
        schedule: { cron: '0 10 * * 1', timezone: 'UTC' },
        expert: 'Producing',
        webhook: listener.url,
      });
      const { turn } = await h.api.routines.runNow({ routineId: routine.id });
      expect(turn.status).toBe('awaiting_approval');
      await advanceUntil(clock, async () => listener.received.length >= 1, 'the waiting notice');
      const approval = turn.approvals![0]!;
      const resumed = await h.api.chat.approve({ turnId: turn.id, approvalId: approval.id, decision: 'approve' });
      expect(resumed.turn.status).toBe('completed');
      expect(created).toEqual([{ code: 'MONDAY10' }]);
      await advanceUntil(clock, async () => listener.received.length >= 2, 'the notice of its end');
      expect(listener.received.map((r) => (r.body as { turn: unknown }).turn)).toEqual([
        { id: turn.id, status: 'awaiting_approval' },
        { id: turn.id, status: 'completed' },
      ]);
      expect((listener.received[1]!.body as { excerpt: string }).excerpt).toBe('Created MONDAY10.');
    } finally {
      await listener.close();
    }
  }, 180_000);

  it('tells SWITCHBOARD_NOTIFY_URL of a failed run, and gives up on a listener that never answers', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const listener = await webhookListener(() => 503);
    const clock = newClock('2028-06-08T09:59:30Z');
    const h = await on(a, clock, { logger, notifyUrl: listener.url });
    h.script(...Array.from({ length: 3 }, () => modelError(new APIConnectionError({ message: 'down' }))));
    try {
      const routine = await h.api.routines.create({
        title: 'Doomed',
        prompt: 'Try.',
        schedule: { cron: '0 10 * * *', timezone: 'UTC' },
        expert: 'Media',
      });
      await advanceUntil(clock, async () => listener.attempts() >= 5, 'every delivery attempt', {
        maxMs: 30 * 60_000,
        stepMs: 15_000,
      });
      await clock.tick(5 * 60_000);
      expect(listener.attempts()).toBe(5);
      const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'webhook delivery failed');
      expect(failures.map((f) => f.attempt)).toEqual([1, 2, 3, 4, 5]);
      expect(failures[0]).toMatchObject({ routineId: routine.id, reason: 'the listener answered HTTP 503' });
      const [run] = await settledRuns(h, routine.id);
      expect(run!.status).toBe('failed');
    } finally {
      await listener.close();
    }
  }, 180_000);

  it('counts unread runs until the routine’s conversation is opened; routines.runs pages newest first', async () => {
    const clock = newClock('2028-07-05T09:00:00Z');
    const h = await on(a, clock);
    h.script(...answers(3));
    const routine = await h.api.routines.create({
      title: 'By hand',
      prompt: 'Report.',
      schedule: { cron: '0 9 1 1 *', timezone: 'Asia/Tokyo' },
      expert: 'Strategic',
    });
    for (let i = 0; i < 3; i++) await h.api.routines.runNow({ routineId: routine.id });
    const listed = (await h.api.routines.list()).items.find((r) => r.id === routine.id)!;
    expect(listed).toMatchObject({ unread: 3, lastRun: { status: 'completed', scheduledFor: null } });
    const page = await h.api.routines.runs({ routineId: routine.id, limit: 2 });
    const rest = await h.api.routines.runs({ routineId: routine.id, limit: 2, cursor: page.nextCursor });
    expect([...page.items, ...rest.items].map((r) => r.id)).toEqual(
      (await turnsIn(h, routine.conversationId)).map((t) => t.id).reverse(),
    );
    expect(rest.nextCursor).toBeNull();
    await h.api.chat.history({ conversationId: routine.conversationId });
    expect((await h.api.routines.list()).items.find((r) => r.id === routine.id)!.unread).toBe(0);
  });

  it('lets the Orchestrator route a routine that names no expert', async () => {
    const clock = newClock('2028-07-06T09:00:00Z');
    const h = await on(a, clock);
    h.script(routeTo(h.team, 'Creative', 'naming'), reply('Three names.'));
    const routine = await h.api.routines.create({
      title: 'Names',
      prompt: 'Suggest three product names.',
      schedule: { cron: '0 9 * * 5', timezone: 'UTC' },
    });
    const { turn } = await h.api.routines.runNow({ routineId: routine.id });
    expect(turn).toMatchObject({ status: 'completed', agents: ['Orchestrator', 'Creative'], route: 'handoff' });
  });

  it('refuses bad input with a sentence naming the field, storing nothing', async () => {
    const clock = newClock('2028-08-02T09:00:00Z');
    const h = await on(a, clock);
    const good = { title: 'T', prompt: 'P', schedule: { cron: '0 9 * * *', timezone: 'UTC' } };
    const cases: [unknown, RegExp][] = [
      [{ ...good, schedule: { cron: '61 * * * *', timezone: 'UTC' } }, /^schedule\.cron: is not a valid cron expression/],
      [{ ...good, schedule: { cron: 'every day', timezone: 'UTC' } }, /^schedule\.cron: must have five fields/],
      [{ ...good, schedule: { cron: '*/10 * * * * *', timezone: 'UTC' } }, /^schedule\.cron: runs more often than once a minute/],
      [{ ...good, schedule: { cron: '0 9 * * *', timezone: 'Mars/Olympus' } }, /^schedule\.timezone: is not a time zone/],
      [{ ...good, prompt: '   ' }, /^prompt: is empty/],
      [{ ...good, webhook: 'ftp://example.com/hook' }, /^webhook: must be an http/],
      [{ ...good, webhook: 'javascript:alert(1)' }, /^webhook: must be an http/],
      [{ ...good, expert: 'Orchestrator' }, /^expert: must be one of/],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(h.api.routines.create(input as never));
      expect(error.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      // The sentence the API answers with (server/trpc.ts writes "field: message" per issue).
      const { issues } = error.cause as ZodError;
      expect(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')).toMatch(message);
    }
    expect((await h.api.routines.list()).items).toEqual([]);
    const missing = await rejection(h.api.routines.runNow({ routineId: crypto.randomUUID() }));
    expect(missing.code).toBe('NOT_FOUND');
    const routine = await h.api.routines.create(good);
    const bad = await rejection(h.api.routines.update({ routineId: routine.id, schedule: { cron: '* * * *', timezone: 'UTC' } }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect((await h.api.routines.list()).items[0]!.schedule.cron).toBe('0 9 * * *');
  });
}

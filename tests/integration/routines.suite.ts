// Routines on the job engine, one suite for both drivers: each slot runs once across instances.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { answers, newClock, type RoutinesHarness, routinesOn, settledRuns, until } from '../support/routines-harness.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';

export function routinesSuite(kind: DriverKind) {
  let a: Instance;
  let b: Instance;
  let close: () => Promise<void>;
  const started: RoutinesHarness[] = [];
  beforeAll(async () => {
    ({ a, b, close } = await twoInstances(kind));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((h) => h.stop()));
  });
  afterAll(() => close());

  const on = async (instance: Instance, clock: ReturnType<typeof newClock>, options?: Parameters<typeof routinesOn>[2]) => {
    const h = await routinesOn(instance, clock, options);
    started.push(h);
    return h;
  };

  it('runs an every-minute routine once a minute across two instances', async () => {
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
    expect(routine.nextRunAt).toBe('2027-01-04T09:01:00.000Z');
    for (let minute = 1; minute <= 3; minute++) {
      await clock.tick(60_000);
      await until(async () => (await settledRuns(ha, routine.id)).length >= minute && true, `run ${minute}`);
    }
    await clock.tick(15_000);
    const runs = await settledRuns(ha, routine.id);
    expect(runs.map((r) => r.scheduledFor?.toISOString())).toEqual([
      '2027-01-04T09:01:00.000Z',
      '2027-01-04T09:02:00.000Z',
      '2027-01-04T09:03:00.000Z',
    ]);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
  });
}

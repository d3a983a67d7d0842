// Schedules both ways: the SPA's presets and cron, the server's checks, the slot a run answers.
import { describe, expect, it } from 'vitest';
import { describeNextRun, describeSchedule, fromCron, type Picked, toCron } from '../../client/routine-schedule.ts';
import { cronProblem, slotAtOrBefore, timezoneProblem } from '../../server/routines/schedule.ts';

const base: Picked = { preset: 'daily', time: '09:05', weekday: 1, day: 1, cron: '' };

describe('presets in the SPA', () => {
  it.each([
    [{ ...base }, '5 9 * * *', 'Every day at 09:05'],
    [{ ...base, preset: 'weekdays' as const }, '5 9 * * 1-5', 'Weekdays at 09:05'],
    [{ ...base, preset: 'weekly' as const, weekday: 0 }, '5 9 * * 0', 'Every Sunday at 09:05'],
    [{ ...base, preset: 'monthly' as const, day: 22 }, '5 9 22 * *', 'Monthly on the 22nd at 09:05'],
  ])('%o is %s, read back as "%s"', (picked, cron, words) => {
    expect(toCron(picked)).toBe(cron);
    expect(fromCron(cron)).toMatchObject({ preset: picked.preset, time: '09:05' });
    expect(describeSchedule(cron)).toBe(words);
  });

  it('calls anything else custom, and says so', () => {
    expect(fromCron('*/15 9-17 * * 1-5').preset).toBe('custom');
    expect(describeSchedule('*/15 9-17 * * 1-5')).toBe('Custom schedule (*/15 9-17 * * 1-5)');
    expect(describeSchedule('* * * * *')).toBe('Every minute');
    expect(describeSchedule('0 11-13 1 * *')).toMatch(/^Custom/);
  });

  it('shows the next run in the routine’s time zone, not the browser’s', () => {
    const text = describeNextRun('2027-01-04T08:30:00Z', 'Asia/Tokyo', new Date('2027-01-04T06:30:00Z'));
    expect(text).toMatch(/17:30|5:30/);
    expect(text).toMatch(/\(Asia\/Tokyo\), in 2 hours$/);
  });
});

describe('what the server accepts', () => {
  it.each([
    ['0 9 * * 1', null],
    ['@daily', null],
    ['@secondly', /is not a cron expression/],
    ['* * * * * *', /more often than once a minute/],
    ['0 9 * *', /five fields/],
    ['61 9 * * *', /not a valid cron expression/],
    ['  ', /is empty/],
  ])('%j → %s', (cron, problem) => {
    const found = cronProblem(cron);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('knows time zones by their names', () => {
    expect(timezoneProblem('Europe/Berlin')).toBeNull();
    expect(timezoneProblem('UTC')).toBeNull();
    expect(timezoneProblem('Mars/Olympus')).toMatch(/is not a time zone/);
    expect(timezoneProblem('')).toMatch(/is not a time zone/);
  });
});

describe('the slot a run answers', () => {
  it('is the latest slot at or before the job was sent: one run answers every missed slot', () => {
    expect(slotAtOrBefore('0 * * * *', 'UTC', new Date('2027-02-01T13:20:05Z')).toISOString()).toBe('2027-02-01T13:00:00.000Z');
    expect(slotAtOrBefore('0 * * * *', 'UTC', new Date('2027-02-01T13:00:00Z')).toISOString()).toBe('2027-02-01T13:00:00.000Z');
  });

  it('counts a local time the clocks went back over once, at its first instant', () => {
    // New York, 2027-11-07: 01:30 EDT is 05:30Z, 01:30 EST 06:30Z.
    const at = slotAtOrBefore('30 1 * * *', 'America/New_York', new Date('2027-11-07T06:30:10Z'));
    expect(at.toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });
});

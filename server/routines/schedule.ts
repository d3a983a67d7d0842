// What a routine's schedule may be, and which slot a run answers. cron-parser is the parser pg-boss
// evaluates schedules with, so what is accepted here is exactly what the job engine can run.
import { CronDate, CronExpressionParser } from 'cron-parser';

const ALIASES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly'];

/** Why a cron expression cannot be a routine's schedule, as a sentence; null when it can. */
export function cronProblem(cron: string): string | null {
  const text = cron.trim();
  if (!text) return 'is empty: give a cron expression such as "0 9 * * 1" (Mondays at 9:00)';
  const fields = text.split(/\s+/);
  if (text.startsWith('@')) {
    return ALIASES.includes(text.toLowerCase())
      ? null
      : `is not a cron expression: use five fields or one of ${ALIASES.join(', ')}`;
  }
  if (fields.length === 6) return 'runs more often than once a minute: a routine runs at most every minute ("* * * * *")';
  if (fields.length !== 5) return 'must have five fields (minute hour day-of-month month weekday), such as "0 9 * * 1"';
  try {
    CronExpressionParser.parse(text, { tz: 'UTC', strict: false });
    return null;
  } catch (error) {
    return `is not a valid cron expression (${(error as Error).message})`;
  }
}

/** Judged the way pg-boss judges one: by building a date in it. */
export function timezoneProblem(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    CronExpressionParser.parse('* * * * *', { tz: timezone, strict: false, currentDate: new Date() });
    return null;
  } catch {
    return 'is not a time zone: use a name such as "Europe/Berlin" or "America/New_York"';
  }
}

/**
 * The slot a run started at `at` answers: the schedule's latest time at or before it. A local time
 * the clocks went back over counts once (its first instant), as pg-boss's own pass reads it.
 */
export function slotAtOrBefore(cron: string, timezone: string, at: Date): Date {
  const interval = CronExpressionParser.parse(cron, { tz: timezone, strict: false, currentDate: new Date(at.getTime() + 1) });
  const everyHour = interval.fields.hour.values.length === 24;
  for (;;) {
    const slot = interval.prev().toDate();
    if (everyHour || !repeatsLocalTime(slot, timezone)) return slot;
  }
}

function repeatsLocalTime(instant: Date, timezone: string): boolean {
  const offset = (time: number) => new CronDate(time, timezone).getUTCOffset();
  const time = instant.getTime();
  const shift = offset(time - 3 * 60 * 60 * 1000) - offset(time);
  return shift > 0 && offset(time - shift * 60 * 1000) - offset(time) === shift;
}

// A routine's schedule as a person picks it (daily at, weekdays at, weekly on, monthly on) and as
// cron, both ways; times are shown in the routine's own time zone through Intl.
export type Preset = 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'custom';
export type Picked = { preset: Preset; time: string; weekday: number; day: number; cron: string };

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The cron a picked schedule stands for. */
export function toCron(picked: Picked): string {
  const [hour, minute] = picked.time.split(':').map(Number) as [number, number];
  const at = `${minute} ${hour}`;
  switch (picked.preset) {
    case 'daily':
      return `${at} * * *`;
    case 'weekdays':
      return `${at} * * 1-5`;
    case 'weekly':
      return `${at} * * ${picked.weekday}`;
    case 'monthly':
      return `${at} ${picked.day} * *`;
    case 'custom':
      return picked.cron.trim();
  }
}

const NUMBER = /^\d{1,2}$/;

/** A cron read back as the preset it came from; anything else is custom. */
export function fromCron(cron: string): Picked {
  const fields = cron.trim().split(/\s+/);
  const picked: Picked = { preset: 'custom', time: '09:00', weekday: 1, day: 1, cron };
  if (fields.length !== 5) return picked;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  if (!NUMBER.test(minute) || !NUMBER.test(hour) || month !== '*') return picked;
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  if (day === '*' && weekday === '*') return { ...picked, preset: 'daily', time };
  if (day === '*' && weekday === '1-5') return { ...picked, preset: 'weekdays', time };
  if (day === '*' && /^[0-6]$/.test(weekday)) return { ...picked, preset: 'weekly', time, weekday: Number(weekday) };
  if (NUMBER.test(day) && weekday === '*') return { ...picked, preset: 'monthly', time, day: Number(day) };
  return picked;
}

const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
};

/** "Weekdays at 09:00", "Every minute", or the cron itself when it is none of the presets. */
export function describeSchedule(cron: string): string {
  const text = cron.trim();
  if (text === '* * * * *') return 'Every minute';
  if (/^\d{1,2} \* \* \* \*$/.test(text)) return `Every hour at minute ${Number(text.split(' ')[0])}`;
  const picked = fromCron(text);
  switch (picked.preset) {
    case 'daily':
      return `Every day at ${picked.time}`;
    case 'weekdays':
      return `Weekdays at ${picked.time}`;
    case 'weekly':
      return `Every ${WEEKDAYS[picked.weekday]} at ${picked.time}`;
    case 'monthly':
      return `Monthly on the ${ordinal(picked.day)} at ${picked.time}`;
    case 'custom':
      return `Custom schedule (${text})`;
  }
}

/** When the next run is, in the routine's time zone, and how far off it is from `now`. */
export function describeNextRun(nextRunAt: string, timezone: string, now = new Date()): string {
  const at = new Date(nextRunAt);
  const when = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timezone,
  }).format(at);
  return `${when} (${timezone}), ${relative(at.getTime() - now.getTime())}`;
}

function relative(ms: number): string {
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const minutes = Math.round(ms / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** The owner's own time zone, the default for a new routine. */
export const ownTimezone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const timezones = (): string[] => Intl.supportedValuesOf('timeZone');

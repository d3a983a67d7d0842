// Creating or editing a routine: what it asks, when (a preset or cron, in a time zone), who answers.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import type { RouterOutputs } from '../api-types.ts';
import { changeFailure } from '../error-words.ts';
import { fromCron, ownTimezone, type Picked, type Preset, timezones, toCron, WEEKDAYS } from '../routine-schedule.ts';
import { useTRPC } from '../trpc.ts';

export type Routine = RouterOutputs['routines']['list']['items'][number];

const PRESETS: [Preset, string][] = [
  ['daily', 'Every day at'],
  ['weekdays', 'Weekdays at'],
  ['weekly', 'Every week on'],
  ['monthly', 'Every month on day'],
  ['custom', 'Custom (cron)'],
];

type Props = { businessId: string | undefined; routine?: Routine; onDone: () => void };

export function RoutineForm({ businessId, routine, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [title, setTitle] = useState(routine?.title ?? '');
  const [prompt, setPrompt] = useState(routine?.prompt ?? '');
  const [picked, setPicked] = useState<Picked>(() =>
    routine ? fromCron(routine.schedule.cron) : { preset: 'weekdays', time: '09:00', weekday: 1, day: 1, cron: '0 9 * * 1-5' },
  );
  const [timezone, setTimezone] = useState(routine?.schedule.timezone ?? ownTimezone());
  const [expert, setExpert] = useState(routine?.expert ?? '');
  const [webhook, setWebhook] = useState(routine?.webhook ?? '');
  // A new routine comes with its conversation.
  const done = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.routines.pathFilter()),
      queryClient.invalidateQueries(trpc.conversations.list.pathFilter()),
    ]).then(onDone);
  const create = useMutation(trpc.routines.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.routines.update.mutationOptions({ onSuccess: done }));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const pick = (change: Partial<Picked>) => setPicked((current) => ({ ...current, ...change }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      title,
      prompt,
      schedule: { cron: toCron(picked), timezone },
      expert: expert ? (expert as (typeof EXPERT_NAMES)[number]) : null,
      webhook: webhook.trim() || null,
    };
    if (routine) update.mutate({ routineId: routine.id, ...fields });
    else create.mutate({ businessId, ...fields });
  };

  return (
    <form className="routine-form" onSubmit={submit} aria-label={routine ? `Edit ${routine.title}` : 'New routine'}>
      <label>
        Name
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Monday numbers" maxLength={200} required />
      </label>
      <label>
        What it asks each time
        <textarea
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          rows={3}
          placeholder="Summarise last week’s sales and suggest one thing to try this week."
          required
        />
      </label>
      <fieldset className="routine-when">
        <legend>When</legend>
        <select aria-label="Repeats" value={picked.preset} onChange={(e) => pick({ preset: e.target.value as Preset })}>
          {PRESETS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {picked.preset === 'weekly' && (
          <select aria-label="Weekday" value={picked.weekday} onChange={(e) => pick({ weekday: Number(e.target.value) })}>
            {WEEKDAYS.map((day, n) => (
              <option key={day} value={n}>
                {day}
              </option>
            ))}
          </select>
        )}
        {picked.preset === 'monthly' && (
          <input
            aria-label="Day of the month"
            type="number"
            min={1}
            max={31}
            value={picked.day}
            onChange={(e) => pick({ day: Number(e.target.value) })}
          />
        )}
        {picked.preset === 'custom' ? (
          <input
            aria-label="Cron expression"
            value={picked.cron}
            onChange={(e) => pick({ cron: e.target.value })}
            placeholder="*/30 9-17 * * 1-5"
          />
        ) : (
          <input aria-label="Time" type="time" value={picked.time} onChange={(e) => pick({ time: e.target.value })} required />
        )}
      </fieldset>
      <label>
        Time zone
        <input list={`${id}-zones`} value={timezone} onChange={(e) => setTimezone(e.target.value)} required />
        <datalist id={`${id}-zones`}>
          {timezones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <label>
        Who answers
        <select value={expert} onChange={(e) => setExpert(e.target.value)}>
          <option value="">Let the Orchestrator route it</option>
          {EXPERT_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Webhook (optional)
        <input
          type="url"
          value={webhook}
          onChange={(e) => setWebhook(e.target.value)}
          placeholder="https://ntfy.sh/my-topic"
          inputMode="url"
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {changeFailure(error, 'the routine was not saved.')}
        </p>
      )}
      <div className="routine-form-actions">
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : routine ? 'Save' : 'Create routine'}
        </button>
      </div>
    </form>
  );
}

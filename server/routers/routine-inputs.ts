// routines.* inputs: each bad field refused with a sentence naming it, before anything is stored.
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import { cronProblem, timezoneProblem } from '../routines/schedule.ts';
import { businessId, expertName, storable, storableMessage, titleText } from './inputs.ts';
import { hasVisibleText } from './visible-text.ts';

export const routineId = z.uuid({ message: 'must be a routine id (a UUID), as returned by routines.list' });

const checked = (problem: (text: string) => string | null) =>
  z.string({ message: 'must be text' }).superRefine((text, ctx) => {
    const found = problem(text);
    if (found) ctx.addIssue({ code: 'custom', message: found });
  });

const schedule = z.object(
  {
    cron: checked(cronProblem).transform((text) => text.trim()),
    timezone: checked(timezoneProblem),
  },
  { message: 'must be { cron, timezone }, e.g. { "cron": "0 9 * * 1", "timezone": "Europe/Berlin" }' },
);

const fields = {
  title: titleText('routine', 'must be the routine’s name'),
  prompt: z
    .string({ message: 'must be what the routine asks each time' })
    .max(MAX_MESSAGE_CHARS, { message: `is too long: keep it under ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters` })
    .refine(hasVisibleText, { message: 'is empty: write what the routine should ask each time' })
    .refine(storable, storableMessage),
  schedule,
  expert: expertName.nullable().optional(),
  enabled: z.boolean({ message: 'must be true or false' }).optional(),
  webhook: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .max(2000, { message: 'must be at most 2000 characters' })
    .nullable()
    .optional(),
};

export const createRoutineInput = z.object({ businessId: businessId.optional(), ...fields });

export const updateRoutineInput = z.object({
  routineId,
  title: fields.title.optional(),
  prompt: fields.prompt.optional(),
  schedule: schedule.optional(),
  expert: fields.expert,
  enabled: fields.enabled,
  webhook: fields.webhook,
});

export const runsInput = z.object({
  routineId,
  limit: z.number().int().min(1).max(100, { message: 'must be at most 100' }).default(20),
  cursor: z.string().max(400).refine(storable, storableMessage).nullish(),
});

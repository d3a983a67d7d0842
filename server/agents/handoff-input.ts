// What every handoff carries: the model's reason, stored with the turn.
import { z } from 'zod';

export const handoffInput = z.object({ reason: z.string() });

/** How long a reason is: every word of it is written before the expert is asked (latency, not only cost). */
export const REASON_WORDS = '3–8 words';

/**
 * The same shape as the model sees it, on every routing call and four times over: no `$schema`
 * line, and a field description of three tokens that repeats the length where the model writes
 * the reason. No `maxLength`: OpenAI's strict schemas refuse it.
 */
export const handoffInputSchema = {
  type: 'object' as const,
  properties: { reason: { type: 'string' as const, description: REASON_WORDS } },
  required: ['reason'],
  additionalProperties: false as const,
};

/** The reason a handoff call carries, or null when the model sent something else. */
export function handoffReason(argumentsJson: string): string | null {
  try {
    const parsed = handoffInput.safeParse(JSON.parse(argumentsJson));
    return parsed.success ? parsed.data.reason : null;
  } catch {
    return null;
  }
}

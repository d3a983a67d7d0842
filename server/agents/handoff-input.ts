// What every handoff carries: the model's reason, stored with the turn.
import { z } from 'zod';

export const handoffInput = z.object({ reason: z.string() });

/**
 * The same shape as the model sees it, on every routing call and four times over: no `$schema`
 * line or field description (the Orchestrator's instructions say what the reason is, once).
 */
export const handoffInputSchema = {
  type: 'object' as const,
  properties: { reason: { type: 'string' as const } },
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

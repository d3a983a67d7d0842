// What every handoff carries: the model's reason, stored with the turn.
import { z } from 'zod';

export const handoffInput = z.object({
  reason: z.string().describe('One sentence: what the user asked for and why this expert owns it.'),
});

/** The reason a handoff call carries, or null when the model sent something else. */
export function handoffReason(argumentsJson: string): string | null {
  try {
    const parsed = handoffInput.safeParse(JSON.parse(argumentsJson));
    return parsed.success ? parsed.data.reason : null;
  } catch {
    return null;
  }
}

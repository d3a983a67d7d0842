// The Orchestrator's second and third chances when a server ignores tool_choice and the model
// answers in words: the same router with a reminder, then a router that states its choice as data.
import { Agent, Handoff } from '@openai/agents';
import { z } from 'zod';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import { REASON_WORDS } from './handoff-input.ts';
import type { TurnContext } from './turn-context.ts';

export const routeChoice = z.object({
  expert: z.enum(EXPERT_NAMES).describe('The one expert who should answer the newest message.'),
  reason: z.string().describe(`What the user asked for, in ${REASON_WORDS}.`),
});

const transferNames = (router: Agent<TurnContext>) =>
  router.handoffs.filter((h): h is Handoff => h instanceof Handoff).map((h) => h.toolName);

/** The router again, told that words are not an answer and which tools end its turn. */
export function remindedRouter(router: Agent<TurnContext>): Agent<TurnContext> {
  const reminder = `Reminder: your reply is never shown to the user, and text is not an answer. Do not write
any text. Respond only with a call to exactly one of these tools: ${transferNames(router).join(', ')}.`;
  return router.clone({
    instructions: async (runContext) => `${await router.getSystemPrompt(runContext)}\n\n${reminder}`,
  });
}

/** The router's judgement without tools: its choice comes back as a structured object. */
export function choosingRouter(router: Agent<TurnContext>): Agent<TurnContext, typeof routeChoice> {
  // What each expert owns is in the transfer tools' descriptions, which this router does not see.
  const team = router.handoffs
    .filter((h): h is Handoff => h instanceof Handoff)
    .map((h) => `- ${h.agentName}: ${h.toolDescription}`);
  const asData = `No transfer tools are available this time, whatever the text above says. The experts, and what each owns:
${team.join('\n')}
Reply with only a JSON object: {"expert": one of ${EXPERT_NAMES.map((name) => `"${name}"`).join(', ')}, "reason": ${REASON_WORDS}}.`;
  return new Agent<TurnContext, typeof routeChoice>({
    name: router.name,
    model: router.model,
    modelSettings: { ...router.modelSettings, toolChoice: undefined },
    instructions: async (runContext) => `${await router.getSystemPrompt(runContext)}\n\n${asData}`,
    outputType: routeChoice,
  });
}

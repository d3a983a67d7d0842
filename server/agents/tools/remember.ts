// `remember`: an expert keeps a durable fact about the business in its profile, which every
// model call of every later conversation of that business sees.
import { tool } from '@openai/agents';
import { z } from 'zod';
import type { ToolFactory } from '../expert.ts';

/** Appended to the instructions of every expert that has the tool. */
export const REMEMBER_ADVICE = `The business profile (a message at the start of the conversation, when there is one) holds
facts the owner told the team in earlier conversations: use them without asking again. When the
owner states or decides something durable about the business, call \`remember\` with it as one short,
self-contained sentence: its name, products and prices, audience, brand voice, suppliers, goals and
dates, channels, decisions taken. Never remember small talk, questions, your own suggestions the
owner has not accepted, or anything already in the profile. When a fact changes (a new price, a
renamed product), pass the old fact's id as \`replaces\` instead of adding a second version.`;

export const remember: ToolFactory = (_settings, agent) =>
  tool({
    name: 'remember',
    description:
      'Keep one durable fact about the business in its profile, for every expert and every later conversation. Only facts the owner stated or decided.',
    parameters: z.object({
      fact: z.string().describe('One short self-contained sentence, e.g. "The business is called Lumen & Wick."'),
      replaces: z
        .string()
        .nullable()
        .optional()
        .describe('The id (in brackets in the profile) of the fact this one corrects or updates; null for a new fact'),
    }),
    async execute({ fact, replaces }, runContext) {
      if (!runContext) throw new Error('remember runs only inside a turn');
      const { context } = runContext;
      const saved = await context.profile.remember(agent, fact, replaces, context.read);
      if (saved.pending) {
        return `Not changed yet: the owner wrote or confirmed [${saved.factId.slice(0, 8)}] "${saved.pending.ownerText}", so your change "${saved.text}" waits for the owner to accept or dismiss it in the profile. Until then the profile keeps the owner's text: do not treat the change as made, and tell the owner you proposed it.`;
      }
      return `Remembered [${saved.factId.slice(0, 8)}]: ${saved.text}`;
    },
    errorFunction: (runContext, error, details) => {
      const callId = details?.toolCall?.callId;
      if (callId) runContext.context.failedToolCalls.add(callId);
      const reason = error instanceof Error ? error.message : String(error);
      return `Not remembered: ${reason}`;
    },
  });

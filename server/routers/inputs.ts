// Input schemas, with messages written for the person who sent the request.
import { z } from 'zod';
import { AGENT_NAMES } from '../agents/team.ts';

export const MAX_MESSAGE_CHARS = 16_000;

export const conversationId = z.uuid({ message: 'must be a conversation id (a UUID), as returned by chat.send' });
export const turnId = z.uuid({ message: 'must be a turn id (a UUID), as returned by chat.send' });

export const sendInput = z.object({
  conversationId: conversationId.optional(),
  message: z
    .string({ message: 'must be the text of your message' })
    .max(MAX_MESSAGE_CHARS, { message: `is too long: keep it under ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters` })
    .refine((text) => text.trim().length > 0, { message: 'is empty: write something before sending' }),
  clientMessageId: z
    .string({ message: 'must be a string' })
    .min(1, { message: 'must not be empty' })
    .max(200, { message: 'must be at most 200 characters' })
    .optional(),
});

export const agentName = z.enum(AGENT_NAMES, { message: `must be one of ${AGENT_NAMES.join(', ')}` });

export const listInput = z
  .object({
    agent: agentName.optional(),
    query: z.string().max(200, { message: 'must be at most 200 characters' }).optional(),
    limit: z.number().int().min(1).max(100, { message: 'must be at most 100' }).default(30),
    cursor: z.string().max(200).nullish(),
  })
  .default({ limit: 30 });

export const exportInput = z.object({
  conversationId,
  format: z.enum(['json', 'markdown'], { message: 'must be "json" or "markdown"' }),
});

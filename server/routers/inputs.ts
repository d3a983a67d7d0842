// Input schemas, with messages written for the person who sent the request.
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import { AGENT_NAMES } from '../../shared/roster.ts';
import { hasVisibleText } from './visible-text.ts';

// Postgres text cannot hold NUL, and a lone UTF-16 surrogate is not text: it would be stored as
// U+FFFD. Refusing both keeps "stored exactly as sent" true and the database error out of reach.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);
export const storableMessage = { message: 'contains characters that are not text (a NUL byte or a broken emoji); remove them' };

export const conversationId = z.uuid({ message: 'must be a conversation id (a UUID), as returned by chat.send' });
export const businessId = z.uuid({ message: 'must be a business id (a UUID), as returned by businesses.list' });
export const factId = z.uuid({ message: 'must be a fact id (a UUID), as returned by profile.get' });
export const turnId = z.uuid({ message: 'must be a turn id (a UUID), as returned by chat.send' });

export const sendInput = z.object({
  conversationId: conversationId.optional(),
  businessId: businessId.optional(),
  message: z
    .string({ message: 'must be the text of your message' })
    .max(MAX_MESSAGE_CHARS, { message: `is too long: keep it under ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters` })
    .refine(hasVisibleText, { message: 'is empty: write something before sending' })
    .refine(storable, storableMessage),
  clientMessageId: z
    .string({ message: 'must be a string' })
    .min(1, { message: 'must not be empty' })
    .max(200, { message: 'must be at most 200 characters' })
    .refine(storable, storableMessage)
    .optional(),
});

export const agentName = z.enum(AGENT_NAMES, { message: `must be one of ${AGENT_NAMES.join(', ')}` });

export const listInput = z
  .object({
    businessId: businessId.optional(),
    agent: agentName.optional(),
    query: z.string().max(200, { message: 'must be at most 200 characters' }).refine(storable, storableMessage).optional(),
    limit: z.number().int().min(1).max(100, { message: 'must be at most 100' }).default(30),
    cursor: z.string().max(200).refine(storable, storableMessage).nullish(),
  })
  .default({ limit: 30 });

export const exportInput = z.object({
  conversationId,
  format: z.enum(['json', 'markdown'], { message: 'must be "json" or "markdown"' }),
});

export const MAX_TITLE_CHARS = 200;

export const renameInput = z.object({
  conversationId,
  title: z
    .string({ message: 'must be the new title' })
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { message: 'is empty: give the conversation a name' })
        .max(MAX_TITLE_CHARS, { message: `is too long: keep it under ${MAX_TITLE_CHARS} characters` })
        .refine(storable, storableMessage),
    ),
});

// Input schemas, with messages written for the person who sent the request.
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../../shared/limits.ts';
import { AGENT_NAMES, EXPERT_NAMES } from '../../shared/roster.ts';
import { hasVisibleText } from './visible-text.ts';

// Postgres text cannot hold NUL, and a lone UTF-16 surrogate is not text: it would be stored as
// U+FFFD. Refusing both keeps "stored exactly as sent" true and the database error out of reach.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);
export const storableMessage = { message: 'contains characters that are not text (a NUL byte or a broken emoji); remove them' };

export const conversationId = z.uuid({ message: 'must be a conversation id (a UUID), as returned by chat.send' });
export const businessId = z.uuid({ message: 'must be a business id (a UUID), as returned by businesses.list' });
export const factId = z.uuid({ message: 'must be a fact id (a UUID), as returned by profile.get' });
export const proposalId = z.uuid({ message: 'must be a proposal id (a UUID), as returned by profile.get' });
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

/** A day (2026-08-01) or a moment (2026-08-01T14:03:00Z); a day means its start, in UTC. */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);
// Bounded: ISO allows year 0000, which Postgres has no timestamp for.
const moment = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    message: 'must be a date such as 2026-08-01 or 2026-08-01T14:03:00Z',
  })
  .transform((text) => new Date(text))
  .refine((date) => date.getTime() >= EARLIEST && date.getTime() < LATEST, {
    message: 'must be a date between the years 1900 and 9999',
  });

/** `from` is inclusive, `to` exclusive. */
export const dateRange = {
  from: moment.optional(),
  to: moment.optional(),
};

const orderedRange = (range: { from?: Date; to?: Date }) => !range.from || !range.to || range.from < range.to;
const orderedRangeMessage = { message: 'must be before "to"', path: ['from'] };

export const turnStatus = z.enum(['running', 'awaiting_approval', 'completed', 'failed', 'cancelled'], {
  message: 'must be running, awaiting_approval, completed, failed or cancelled',
});

const cursorText = z.string().max(400).refine(storable, storableMessage).nullish();

export const listInput = z
  .object({
    businessId: businessId.optional(),
    agent: agentName.optional(),
    status: turnStatus.optional(),
    ...dateRange,
    query: z.string().max(200, { message: 'must be at most 200 characters' }).refine(storable, storableMessage).optional(),
    limit: z.number().int().min(1).max(100, { message: 'must be at most 100' }).default(30),
    cursor: cursorText,
  })
  .refine(orderedRange, orderedRangeMessage)
  .default({ limit: 30 });

export const agentTurnsInput = z
  .object({
    agent: agentName,
    businessId: businessId.optional(),
    ...dateRange,
    /** Only turns whose route the user corrected (this agent answered, or should have). */
    flagged: z.boolean().optional(),
    limit: z.number().int().min(1).max(100, { message: 'must be at most 100' }).default(30),
    cursor: cursorText,
  })
  .refine(orderedRange, orderedRangeMessage);

export const expertName = z.enum(EXPERT_NAMES, { message: `must be one of ${EXPERT_NAMES.join(', ')}` });

export const exportInput = z.object({
  conversationId,
  format: z.enum(['json', 'markdown'], { message: 'must be "json" or "markdown"' }),
});

export const MAX_TITLE_CHARS = 200;

/** A title on one line, spaces collapsed; `what` names the thing in the messages. */
export const titleText = (what: string, missing: string) =>
  z
    .string({ message: missing })
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { message: `is empty: give the ${what} a name` })
        .max(MAX_TITLE_CHARS, { message: `is too long: keep it under ${MAX_TITLE_CHARS} characters` })
        .refine(storable, storableMessage),
    );

export const renameInput = z.object({
  conversationId,
  title: titleText('conversation', 'must be the new title'),
});

export const approveInput = z.object({
  turnId,
  // The model's call id (as listed in turn.approvals), not a UUID.
  approvalId: z.string().min(1).max(200),
  decision: z.enum(['approve', 'reject'], { message: 'must be approve or reject' }),
  always: z.boolean().optional(),
});

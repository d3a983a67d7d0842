// A conversation's title written by the model after its first exchange: one cheap call (the
// router's model when it has its own), off the critical path — a housekeeping task started once
// the reply is stored, never awaited by the turn, drained or abandoned at shutdown like a fold. A
// failure, or an owner who renamed the chat meanwhile, leaves the title as it is (the first
// message, cut; see title.ts).
import { Agent, type Runner } from '@openai/agents';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.ts';
import { retitleConversation } from '../../db/queries/manage-conversations.ts';
import { cutText } from './title.ts';

export const TITLE_INSTRUCTIONS = `You name conversations between a solo business owner and their assistant team.
Given the owner's first message and the reply, answer with a short title for the conversation:
at most six words, in the language of the owner's message, no quotes, no final full stop, no emoji.`;

/** Each side of the exchange the titler reads: a title needs the gist, not the whole reply. */
const EXCERPT_CHARS = 1_200;
const TITLE_CHARS = 80;

export type FirstExchange = { conversationId: string; fallback: string; message: string; reply: string };
export type NameConversation = (exchange: FirstExchange, signal: AbortSignal) => Promise<void>;

export function modelTitles(deps: { db: Db; runner: Runner; model?: string; logger: Pick<Logger, 'warn'> }): NameConversation {
  const titler = new Agent({ name: 'Titler', instructions: TITLE_INSTRUCTIONS, ...(deps.model ? { model: deps.model } : {}) });
  return ({ conversationId, fallback, message, reply }, signal) => {
    const input = `Owner: ${message.slice(0, EXCERPT_CHARS)}\n\nReply: ${reply.slice(0, EXCERPT_CHARS)}`;
    return deps.runner
      .run(titler, input, { maxTurns: 1, signal })
      .then(async (result) => {
        const title = cleanTitle(typeof result.finalOutput === 'string' ? result.finalOutput : '');
        if (title) await retitleConversation(deps.db, conversationId, { from: fallback, to: title });
      })
      .catch((error: unknown) =>
        deps.logger.warn(
          { conversationId, reason: error instanceof Error ? error.name : 'unknown' },
          'could not write a conversation title; its first message stays the title',
        ),
      );
  };
}

/** One line, no wrapping quotes or final stop, no Markdown emphasis, cut on a word. */
export function cleanTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const bare = line
    .replace(/^(title:\s*)/i, '')
    .replace(/[*_`#]+/g, '')
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .replace(/[.。]+$/u, '')
    .trim();
  return bare ? cutText(bare, TITLE_CHARS) : '';
}

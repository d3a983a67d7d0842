// What the Summarizer reads, and what that costs in tokens around the messages it folds.
import type { MemoryMessage } from '../../db/queries/messages.ts';
import { countTokens } from './tokens.ts';

/** The summary so far, the messages to fold in, and the length limit. */
export function summaryPrompt(previous: string, messages: MemoryMessage[], maxTokens: number): string {
  const transcript = messages.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`);
  return [
    `Summary so far:\n${previous || '(none yet)'}`,
    `Messages to fold in:\n${transcript.join('\n\n')}`,
    `Write the updated summary in at most ${maxTokens} tokens (about ${Math.floor(maxTokens * 0.75)} words).`,
  ].join('\n\n');
}

/**
 * Tokens the prompt adds around the summary and the messages; each message adds its label too.
 * A function, so importing this does not load the tokenizer's tables at start-up.
 */
export const promptOverhead = (): number => countTokens(summaryPrompt('(none yet)', [], 1_000_000));
export const MESSAGE_OVERHEAD = 4;

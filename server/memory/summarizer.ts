// The Summarizer: a plain agent, run on the turn's own runner, that rewrites the rolling summary.
import { Agent, type Runner } from '@openai/agents';
import { readFileSync } from 'node:fs';
import type { MemoryMessage } from '../../db/queries/messages.ts';
import { countTokens } from './tokens.ts';

export const summarizer = new Agent({
  name: 'Summarizer',
  instructions: readFileSync(new URL('../agents/instructions/summarizer.md', import.meta.url), 'utf8').trim(),
});

/** What the Summarizer reads: the summary so far, the messages to fold in, and its length limit. */
export function summaryPrompt(previous: string, messages: MemoryMessage[], maxTokens: number): string {
  const transcript = messages.map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${m.content}`);
  return [
    `Summary so far:\n${previous || '(none yet)'}`,
    `Messages to fold in:\n${transcript.join('\n\n')}`,
    `Write the updated summary in at most ${maxTokens} tokens (about ${Math.floor(maxTokens * 0.75)} words).`,
  ].join('\n\n');
}

/** Tokens the prompt adds around the summary and the messages; each message adds its label too. */
export const promptOverhead = (): number => countTokens(summaryPrompt('(none yet)', [], 1_000_000));
export const MESSAGE_OVERHEAD = 4;

export type Summarized = { summary: string; tokens: number };

export async function summarize(runner: Runner, prompt: string): Promise<Summarized> {
  const result = await runner.run(summarizer, prompt, { maxTurns: 1 });
  const summary = typeof result.finalOutput === 'string' ? result.finalOutput.trim() : '';
  if (!summary) throw new Error('The summarizer returned an empty summary.');
  return { summary, tokens: result.state.usage.totalTokens };
}

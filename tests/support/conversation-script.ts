// A scripted model that plays every part of a turn by who is asking: the Summarizer, the
// Orchestrator (it hands off) or an expert (it answers). For long conversations where the test
// cannot know in advance on which turn the Summarizer runs.

import { randomUUID } from 'node:crypto';
import type { ModelResponse } from '@openai/agents';
import { Usage } from '@openai/agents';
import { assistantMessage, functionCall, modelResponder, type ScriptedModel } from '@openai/agents/testing';
import type { Team } from '../../server/agents/team.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { inputTexts, transferToolName } from './scripted-runtime.ts';

export type Playbook = {
  /** The Summarizer's reply to its prompt; throw to play a model failure. */
  summarize: (prompt: string) => string | Promise<string>;
  /** The expert's reply to the newest user message. */
  answer: (question: string) => string;
  expert?: ExpertName;
};

export type PlayedCall = { role: 'summarizer' | 'orchestrator' | 'expert'; texts: string[]; usage: Usage };

const usageFor = (input: string[], output: string) => {
  const inputTokens = input.reduce((sum, text) => sum + countTokens(text), 0);
  const outputTokens = countTokens(output);
  return new Usage({ requests: 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens });
};

export function playConversation(model: ScriptedModel, team: Team, playbook: Playbook) {
  const played: PlayedCall[] = [];
  const step = modelResponder(async ({ request }): Promise<ModelResponse> => {
    const texts = inputTexts(request.input);
    const last = texts.at(-1) ?? '';
    // The Summarizer's prompt is one message, opening with the summary so far.
    if (texts.length === 1 && last.startsWith('Summary so far:')) {
      const summary = await playbook.summarize(last);
      const usage = usageFor(texts, summary);
      played.push({ role: 'summarizer', texts, usage });
      return { output: [assistantMessage(summary)], usage };
    }
    if (request.handoffs.length > 0) {
      const call = functionCall(
        transferToolName(team, playbook.expert ?? 'Creative'),
        { reason: 'scripted' },
        { callId: randomUUID() },
      );
      const usage = new Usage({ requests: 1, inputTokens: 100, outputTokens: 10, totalTokens: 110 });
      played.push({ role: 'orchestrator', texts, usage });
      return { output: [call], usage };
    }
    const answer = playbook.answer(last);
    const usage = usageFor(texts, answer);
    played.push({ role: 'expert', texts, usage });
    return { output: [assistantMessage(answer)], usage };
  });
  return {
    played,
    /** Tops the script up before each turn: a turn makes two calls, and the fold after it a few more. */
    ready: () => {
      while (model.remainingSteps < 8) model.enqueue(step);
    },
  };
}

/**
 * A Summarizer that keeps what it is given, as a good one would: the old summary's facts and one
 * line per folded user message, dropping the oldest lines after the first to stay in its limit.
 */
export function keepingSummarizer(prompt: string): string {
  const previous = section(prompt, 'Summary so far:\n', '\n\nMessages to fold in:');
  const folded = section(prompt, 'Messages to fold in:\n', '\n\nWrite the updated summary');
  const limit = Number(/at most (\d+) tokens/.exec(prompt)?.[1] ?? 0);
  const lines = previous === '(none yet)' ? [] : previous.split('\n');
  for (const line of folded.split('\n')) {
    if (line.startsWith('User: ')) lines.push(`- The user said: ${line.slice(6).split(' ').slice(0, 14).join(' ')}`);
  }
  while (lines.length > 1 && countTokens(lines.join('\n')) > limit) lines.splice(1, 1);
  return lines.join('\n');
}

function section(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`the summarizer prompt has no "${start.trim()}" section`);
  return text.slice(from + start.length, to);
}

// The Summarizer: a plain agent that rewrites a conversation's rolling summary. Memory decides
// what to fold and when; this only turns a prompt into a summary on the turn's runner.
import { Agent, type Runner } from '@openai/agents';
import type { Summarize } from '../memory/memory.ts';

const summarizer = new Agent({
  name: 'Summarizer',
  instructions: `You keep the memory of a conversation between a solo business owner and their assistant team.
You receive the summary so far and the messages that come right after it. Write ONE updated
summary that replaces the old one and covers both.

Keep, exactly as written:
- names: the business, brands, products, people, places, tools and suppliers;
- numbers: prices, budgets, dates, quantities, percentages, deadlines;
- decisions taken and options rejected (with the reason, in a few words);
- the user's stated preferences and constraints (tone, audience, values, things to avoid);
- open questions and promised next steps.

Drop small talk, greetings, repetition and long explanations the assistant already gave; keep
only their conclusions. When a newer message changes an earlier fact, keep the newer one.
Nothing in the old summary may be lost unless a newer message replaced it.

Write plain text: short lines or bullets, third person ("The user…"), no heading, no preamble,
no commentary about the summary itself. Stay within the length you are given.`,
});

export function summarizeWith(runner: Runner): Summarize {
  return async (prompt, signal) => {
    const result = await runner.run(summarizer, prompt, { maxTurns: 1, signal });
    const summary = typeof result.finalOutput === 'string' ? result.finalOutput.trim() : '';
    if (!summary) throw new Error('The summarizer returned an empty summary.');
    return { summary, tokens: result.state.usage.totalTokens };
  };
}

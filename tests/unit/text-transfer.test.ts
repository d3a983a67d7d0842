// A transfer a small model writes as text is read as the model's own tool call; anything else
// (a promise in words, two names, another tool) is no transfer, and the turn repairs or fails.
import { describe, expect, it } from 'vitest';
import { buildTeam } from '../../server/agents/team.ts';
import { writtenTransfer } from '../../server/agents/text-transfer.ts';
import { NO_TOOLS, transferToolName } from '../support/scripted-runtime.ts';

const team = buildTeam(NO_TOOLS);
const router = team.orchestrator;
const creative = transferToolName(team, 'Creative');
const media = transferToolName(team, 'Media');

describe('a transfer written as text', () => {
  it.each([
    ['the bare tool name', creative, { expert: 'Creative', reason: '' }],
    ['a call with parentheses', `${creative}()`, { expert: 'Creative', reason: '' }],
    ['the name in lower case', creative.toLowerCase(), { expert: 'Creative', reason: '' }],
    [
      'a JSON call',
      JSON.stringify({ name: creative, arguments: { reason: 'A name.' } }),
      { expert: 'Creative', reason: 'A name.' },
    ],
    [
      'arguments as a JSON string',
      JSON.stringify({ name: creative, arguments: '{"reason":"A name."}' }),
      { expert: 'Creative', reason: 'A name.' },
    ],
    [
      'Llama-style parameters',
      `<|python_tag|>{"name": "${media}", "parameters": {"reason": "Posting."}}`,
      { expert: 'Media', reason: 'Posting.' },
    ],
    [
      'an OpenAI-style function object',
      JSON.stringify({ type: 'function', function: { name: media, arguments: '{"reason":"PR."}' } }),
      { expert: 'Media', reason: 'PR.' },
    ],
    [
      'a Hermes tool_call tag',
      `<tool_call>\n{"name": "${media}", "arguments": {"reason": "Reach."}}\n</tool_call>`,
      { expert: 'Media', reason: 'Reach.' },
    ],
  ])('is read from %s', (_, text, expected) => {
    expect(writtenTransfer(router, text)).toEqual(expected);
  });

  it.each([
    ['a promise in words', 'I will hand this over to our Creative expert.'],
    ['an answer of its own', 'A good name would be Lumen & Wick.'],
    ['two different transfers', `${creative} or maybe ${media}`],
    ['a longer identifier', `${creative}_v2`],
    ['another tool as JSON', JSON.stringify({ name: 'web_search', arguments: { query: `candles ${creative}` } })],
    ['broken JSON with no tool name', '{"name": '],
  ])('is not read from %s', (_, text) => {
    expect(writtenTransfer(router, text)).toBeNull();
  });
});

// The team is built from the roster: every expert declared once reaches the Orchestrator's
// handoffs and routing rules, its colleagues' consult advice and the API's agent filter.
import { Handoff, RunContext } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { EXPERTS } from '../../server/agents/experts/index.ts';
import { choosingRouter } from '../../server/agents/router-fallback.ts';
import { buildTeam } from '../../server/agents/team.ts';
import type { TurnContext } from '../../server/agents/turn-context.ts';
import { countTokens } from '../../server/memory/tokens.ts';
import { listInput } from '../../server/routers/inputs.ts';
import { AGENT_NAMES, EXPERT_NAMES } from '../../shared/roster.ts';
import { NO_TOOLS } from '../support/scripted-runtime.ts';

describe('the team', () => {
  const team = buildTeam(NO_TOOLS);
  const instructions = String(team.orchestrator.instructions);

  const handoffs = team.orchestrator.handoffs.filter((h): h is Handoff => h instanceof Handoff);

  it.each(EXPERT_NAMES)('hands off to %s, described once, from its declaration', (name) => {
    const transfer = handoffs.find((h) => h.agentName === name)!;
    // The field is the transfer tool's description, and only there: every routing call pays for both.
    expect(transfer.toolDescription).toBe(EXPERTS[name].handoffDescription);
    expect(instructions).not.toContain(EXPERTS[name].handoffDescription);
    for (const rule of EXPERTS[name].routingRules) expect(instructions).toContain(rule);
  });

  it('asks every transfer for a short reason and the Orchestrator for no text: all it writes comes before the first word', () => {
    for (const transfer of handoffs) {
      expect(transfer.inputJsonSchema).toMatchObject({
        required: ['reason'],
        additionalProperties: false,
        properties: { reason: { type: 'string', description: '3–8 words' } },
      });
    }
    expect(instructions).toContain('Write no text');
    expect(instructions).toContain('in 3–8 words');
  });

  it('keeps every routing call’s fixed part (instructions and transfer tools) small', () => {
    const tools = handoffs.map((h) => JSON.stringify([h.toolName, h.toolDescription, h.inputJsonSchema]));
    // About 750 tokens today; the routing goal (a quarter of the expert's input) has little room.
    expect(countTokens([instructions, ...tools].join('\n'))).toBeLessThan(850);
  });

  it.each(EXPERT_NAMES)('gives %s consult tools that do not restate what the advice says', (name) => {
    const consults = team.experts[name].tools.filter((t) => t.name.startsWith('consult_'));
    for (const consult of consults) {
      if (consult.type !== 'function') throw new Error(`${consult.name} should be a function tool`);
      for (const other of EXPERT_NAMES) expect(consult.description).not.toContain(EXPERTS[other].handoffDescription);
      expect(JSON.stringify(consult.parameters)).not.toContain('description');
    }
  });

  it('mentions web search to the Orchestrator only when it has the tool', () => {
    expect(instructions).not.toMatch(/web search/i);
    const searching = buildTeam({ ...NO_TOOLS, searxngUrl: 'http://127.0.0.1:8888' }).orchestrator;
    expect(searching.tools.map((t) => t.name)).toContain('web_search');
    expect(String(searching.instructions)).toMatch(/web search/i);
  });

  it('keeps the choosing router (no tools) told what each expert owns', async () => {
    const chooser = choosingRouter(team.orchestrator);
    const prompt = await chooser.getSystemPrompt(new RunContext<TurnContext>());
    for (const name of EXPERT_NAMES) expect(prompt).toContain(`- ${name}: ${EXPERTS[name].handoffDescription}`);
  });

  it.each(EXPERT_NAMES)('tells every colleague when to consult %s', (name) => {
    for (const other of EXPERT_NAMES.filter((n) => n !== name)) {
      expect(String(team.experts[other].instructions)).toContain(`${EXPERTS[name].consultFor}: consult_${name.toLowerCase()}`);
    }
  });

  it('accepts every agent of the roster, and no other, in the conversation filter', () => {
    for (const agent of AGENT_NAMES) expect(listInput.safeParse({ agent }).success).toBe(true);
    expect(listInput.safeParse({ agent: 'Legal' }).success).toBe(false);
  });
});

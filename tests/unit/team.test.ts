// The team is built from the roster: every expert declared once reaches the Orchestrator's
// handoffs and routing rules, its colleagues' consult advice and the API's agent filter.
import { Handoff } from '@openai/agents';
import { describe, expect, it } from 'vitest';
import { EXPERTS } from '../../server/agents/experts/index.ts';
import { buildTeam } from '../../server/agents/team.ts';
import { listInput } from '../../server/routers/inputs.ts';
import { AGENT_NAMES, EXPERT_NAMES } from '../../shared/roster.ts';
import { NO_TOOLS } from '../support/scripted-runtime.ts';

describe('the team', () => {
  const team = buildTeam(NO_TOOLS);
  const instructions = String(team.orchestrator.instructions);

  it.each(EXPERT_NAMES)('hands off to %s, described in the Orchestrator’s own words from its declaration', (name) => {
    const targets = team.orchestrator.handoffs.filter((h): h is Handoff => h instanceof Handoff).map((h) => h.agentName);
    expect(targets).toContain(name);
    expect(instructions).toContain(`- ${name}: ${EXPERTS[name].handoffDescription}`);
    for (const rule of EXPERTS[name].routingRules) expect(instructions).toContain(rule);
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

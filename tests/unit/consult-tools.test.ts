// The consult wiring every turn relies on: who can ask whom, and instructions that match the tools.
import { describe, expect, it } from 'vitest';
import { buildTeam } from '../../server/agents/team.ts';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import { EXPERT_NAMES } from '../../shared/roster.ts';
import { NO_TOOLS } from '../support/scripted-runtime.ts';

describe('consult tools', () => {
  const team = buildTeam(NO_TOOLS);

  it.each(EXPERT_NAMES)('lets %s consult each of the other three experts, and not itself', (name) => {
    const tools = team.experts[name].tools.map((t) => t.name).filter((t) => t.startsWith('consult_'));
    const others = EXPERT_NAMES.filter((other) => other !== name).map(consultToolName);
    expect(tools.sort()).toEqual(others.sort());
  });

  it.each(EXPERT_NAMES)("names in %s's instructions only consult tools it has", (name) => {
    const expert = team.experts[name];
    const mentioned = String(expert.instructions).match(/consult_[a-z]+/g) ?? [];
    expect(mentioned.length).toBeGreaterThan(0);
    expect(new Set(mentioned)).toEqual(new Set(expert.tools.map((t) => t.name).filter((t) => t.startsWith('consult_'))));
  });

  it('gives the Orchestrator no consult tools: it only hands off', () => {
    expect(team.orchestrator.tools.filter((t) => t.name.startsWith('consult_'))).toEqual([]);
  });
});

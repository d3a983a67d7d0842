// A fake-model responder that always routes to one expert and answers with a fixed text.
import { buildTeam } from '../../server/agents/team.ts';
import type { ExpertName } from '../../shared/roster.ts';
import type { Responder } from './fake-openai.ts';
import { NO_TOOLS, transferToolName } from './scripted-runtime.ts';

export function fixedRoute(expert: ExpertName, text: string): Responder {
  const name = transferToolName(buildTeam(NO_TOOLS), expert);
  return (request) =>
    request.tools?.some((t) => t.function.name === name)
      ? { toolCalls: [{ name, arguments: { reason: `Always ${expert}.` } }] }
      : { text };
}

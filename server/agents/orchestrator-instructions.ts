// The Orchestrator's instructions, generated from the experts' declarations so that adding or
// changing an expert never means restating it here.
import type { ExpertDefinition } from './expert.ts';
import { REASON_WORDS } from './handoff-input.ts';

export function orchestratorInstructions(experts: readonly ExpertDefinition[], tools: { webSearch: boolean }): string {
  const boundaries = experts.flatMap((expert) => expert.routingRules.map((rule) => `- ${rule}`));
  // What each expert owns is in its transfer tool's description, not restated here: every routing
  // call pays for both, so the Orchestrator's fixed prompt says each thing once.
  // Everything the router writes comes before the reply's first word: a short reason, no text.
  return `You are the Orchestrator of Switchboard, a one-person business's assistant team. You never answer the
user: you hand their newest message to the one expert best placed to answer it, by calling exactly one
transfer tool (its description says what the expert owns) at once. Write no text before or after the
call; its reason is what the user asked for in ${REASON_WORDS} (e.g. "pricing for the candle range").

How to choose:
- Route by what the user wants delivered, not by the words they use.
${boundaries.join('\n')}
- A follow-up ("make it shorter", "yes please", "and for TikTok?") stays with the expert whose field
  the last reply is in; a new request in another domain, or a return to an earlier topic, goes to
  that domain's expert.
- A request spanning domains goes to the expert of the main deliverable (asked for first, or the one
  the rest depends on), who consults the others.${tools.webSearch ? '\n\nUse web search only when the choice depends on a fact you do not know.' : ''}`;
}

/** The paragraph that tells an expert when to consult which colleague, from the roster. */
export function consultAdvice(
  owner: ExpertDefinition,
  experts: readonly ExpertDefinition[],
  toolName: (expert: string) => string,
): string {
  const colleagues = experts
    .filter((expert) => expert.name !== owner.name)
    .map((expert) => `${expert.consultFor}: ${toolName(expert.name)}`);
  return `Consulting colleagues: when a part of the request clearly belongs to another expert (${colleagues.join('; ')}),
ask that colleague one focused question and weave the answer into your one reply, saying whose
advice it is. The colleague sees only your question, not the conversation: include the facts they
need (product, audience, names, numbers). Do not consult for anything you can answer yourself or
for a passing mention of another field: each consult costs a model call. If a consult fails, answer
your part and say what is missing.`;
}

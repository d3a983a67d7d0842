// Lets each expert ask a colleague one focused question mid-turn, through `agent.asTool`. The
// colleague answers as an advisor: a copy of itself without consult tools, so a consult never
// leads to another one (no loops, no fan-out beyond one level).
import { type Agent, type FunctionCallItem, type Tool, tool, user } from '@openai/agents';
import { z } from 'zod';
import { ConsultCall } from '../consult-call.ts';
import { reportToolFailure, type TurnContext } from '../turn-context.ts';

// No field description: the expert's consult advice says what a question must hold, once.
export const consultInput = z.object({ question: z.string() });

// What the nested run receives: the question, and the business profile every model call sees.
const advisorInput = consultInput.extend({ profile: z.string().nullable() });

const CONSULTED_NOTE = `Right now a colleague on the team is consulting you in the middle of their reply to the user: they
asked you one question. Answer only that question, in your field, concretely and briefly (a few
sentences or a short list they can weave into their reply). You cannot consult anyone yourself, so
ignore any advice above about consulting colleagues. Do not greet the user or sign off.`;

export function consultToolName(expert: string): string {
  return `consult_${expert.toLowerCase()}`;
}

/** The expert a consult tool asks, or null for any other tool. */
export function consultedExpert(toolName: string, experts: readonly string[]): string | null {
  return experts.find((expert) => consultToolName(expert) === toolName) ?? null;
}

type Team<Name extends string> = Record<Name, Agent<TurnContext>>;

/** The experts as a consult asks them (`colleagues`: with the tools each may use when consulted). */
export function advisorsOf<Name extends string>(colleagues: Team<Name>): Team<Name> {
  const names = Object.keys(colleagues) as Name[];
  return Object.fromEntries(names.map((name) => [name, advisorOf(colleagues[name])])) as Team<Name>;
}

/** Gives every expert a consult tool for each of the others, asking that one's advisor. */
export function withConsultTools<Name extends string>(experts: Team<Name>, advisors: Team<Name>): Team<Name> {
  const names = Object.keys(experts) as Name[];
  return Object.fromEntries(
    names.map((owner) => {
      const consults = names.filter((name) => name !== owner).map((name) => consultTool(owner, advisors[name]));
      return [owner, experts[owner].clone({ tools: [...experts[owner].tools, ...consults] })];
    }),
  ) as Team<Name>;
}

function advisorOf(expert: Agent<TurnContext>): Agent<TurnContext> {
  if (typeof expert.instructions !== 'string') throw new Error(`${expert.name}: instructions must be text`);
  return expert.clone({ instructions: `${expert.instructions}\n\n${CONSULTED_NOTE}` });
}

function consultTool(owner: string, advisor: Agent<TurnContext>): Tool<TurnContext> {
  // The nested run's stream carries the tool call it serves; this maps it back to its record.
  const inFlight = new WeakMap<FunctionCallItem, ConsultCall>();
  const nested = advisor.asTool({
    toolName: consultToolName(advisor.name),
    parameters: advisorInput,
    inputBuilder: ({ params }) => (params.profile ? [user(params.profile), user(params.question)] : params.question),
    onStream: ({ event, toolCall }) => {
      if (toolCall) inFlight.get(toolCall)?.observe(event);
    },
    // Called only when the nested run completed or paused at a call awaiting the owner's yes (the
    // SDK carries that pause up to the owner's run, which resumes this consult after the decision).
    customOutputExtractor: (result) => {
      const callId = result.agentToolInvocation?.toolCallId;
      const call = callId ? result.runContext.context.consults.get(callId) : undefined;
      if (result.interruptions.length) {
        call?.markPaused();
        return '';
      }
      call?.markAnswered();
      return String(result.finalOutput ?? '');
    },
  });

  return tool({
    name: nested.name,
    // Short: the consult advice in the expert's instructions already says what each colleague is for.
    description: `Ask ${advisor.name} one focused question; you write the reply.`,
    parameters: consultInput,
    async execute(input, runContext, details) {
      const toolCall = details?.toolCall;
      // The SDK always passes both inside a run; a consult outside one has nowhere to be recorded.
      if (!runContext || !toolCall) throw new Error('a consult runs only inside a turn');
      const call = new ConsultCall(owner, advisor.name, input.question, runContext.context);
      runContext.context.consults.set(toolCall.callId, call);
      inFlight.set(toolCall, call);
      try {
        // The agent tool turns a failed nested run into a generic text; its extractor tells them apart.
        const profile = runContext.context.profileDigest;
        const answer = await nested.invoke(runContext, JSON.stringify({ question: input.question, profile }), details);
        if (!call.answered && !call.paused) throw new Error(`${advisor.name} could not answer`);
        return answer;
      } finally {
        call.finish();
      }
    },
    errorFunction: reportToolFailure,
  });
}

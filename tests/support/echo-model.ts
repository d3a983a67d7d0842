// A scripted model for concurrent turns: whatever order calls arrive in, the Orchestrator hands
// off and the expert answers with a text derived from the user's message (so tests can check
// which memory each call saw).
import { Usage } from '@openai/agents';
import {
  assistantMessage,
  functionCall,
  modelResponder,
  type RecordedModelCall,
  type ScriptedModelInput,
} from '@openai/agents/testing';
import type { Team } from '../../server/agents/team.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { inputTexts, transferToolName } from './scripted-runtime.ts';

let calls = 0;
const usage = () => new Usage({ requests: 1, inputTokens: 10, outputTokens: 5, totalTokens: 15 });

/** The reply the expert gives to `message`. */
export const echoOf = (message: string) => `Re: ${message}`;

/** Steps for `turns` turns; `hold` can delay an expert's answer (e.g. to keep a turn running). */
export function echoSteps(
  team: Team,
  turns: number,
  options: { expert?: ExpertName; hold?: (call: RecordedModelCall) => Promise<void> } = {},
): ScriptedModelInput[] {
  const respond = async (call: RecordedModelCall) => {
    if (call.request.handoffs.length > 0) {
      const name = transferToolName(team, options.expert ?? 'Producing');
      return { output: [functionCall(name, { reason: 'echo' }, { callId: `echo_${++calls}` })], usage: usage() };
    }
    await options.hold?.(call);
    const texts = inputTexts(call.request.input);
    return { output: [assistantMessage(echoOf(texts.at(-1) ?? ''))], usage: usage() };
  };
  return Array.from({ length: turns * 2 }, () => modelResponder(respond));
}

/** One echo turn whose expert, once `reached`, waits for `release()`: a turn kept running. */
export function heldEcho(team: Team): { steps: ScriptedModelInput[]; reached: Promise<void>; release(): void } {
  const reached = gate();
  const released = gate();
  const steps = echoSteps(team, 1, {
    hold: async () => {
      reached.open();
      await released.promise;
    },
  });
  return { steps, reached: reached.promise, release: released.open };
}

/** A promise a test resolves by hand, e.g. to release a held model call. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

// Scripted model steps that stream and can be held mid-way, like a slow model: each waits for its
// gate or the run's abort signal, whichever comes first (a real model call stops on abort).

import type { StreamEvent } from '@openai/agents';
import { assistantMessage, type RecordedModelCall, type ScriptedModelInput } from '@openai/agents/testing';

const aborted = (signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) =>
    signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve(), { once: true }),
  );

/** Resolves when `until` settles or the call is aborted; true when aborted. */
export async function holdCall(call: RecordedModelCall, until: Promise<void>): Promise<boolean> {
  await Promise.race([until, aborted(call.request.signal)]);
  return Boolean(call.request.signal?.aborted);
}

/** An expert's reply streamed word by word; after `holdAfter` words it waits for `until`. */
export function heldStream(
  text: string,
  hold: { afterWords: number; until: Promise<void>; onHeld?: () => void },
): ScriptedModelInput {
  return {
    type: 'stream_responder',
    respond: (call) =>
      (async function* (): AsyncGenerator<StreamEvent> {
        yield { type: 'response_started' };
        const words = text.match(/\S+\s*/g) ?? [];
        for (const [index, word] of words.entries()) {
          if (index === hold.afterWords) {
            hold.onHeld?.();
            if (await holdCall(call, hold.until)) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
          }
          yield { type: 'output_text_delta', delta: word };
        }
        yield {
          type: 'response_done',
          response: {
            id: `resp_${call.index}`,
            usage: { requests: 1, inputTokens: 50, outputTokens: words.length, totalTokens: 50 + words.length },
            output: [assistantMessage(text)],
          },
        };
      })(),
  };
}

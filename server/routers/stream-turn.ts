// Bridges a turn's event sink to an SSE subscription. The turn runs to the end even when the
// client leaves: what it produced is stored and shows up in history.
import type { TurnEvent, TurnEventSink } from '../turns/events.ts';
import type { TurnOutcome } from '../turns/execute-turn.ts';
import { toTrpcError } from './to-trpc-error.ts';
import { TRPCError } from '@trpc/server';

export async function* streamTurn(
  run: (emit: TurnEventSink) => Promise<TurnOutcome>,
  signal: AbortSignal | undefined,
): AsyncGenerator<TurnEvent> {
  const queue: TurnEvent[] = [];
  let wake: (() => void) | null = null;
  const push = (event: TurnEvent) => {
    queue.push(event);
    wake?.();
  };
  let finished = false;
  signal?.addEventListener('abort', () => wake?.(), { once: true });
  run(push)
    .then(({ conversationId, turn, reply }) => push({ type: 'done', conversationId, turn, reply }))
    .catch((error: unknown) => {
      const mapped = toTrpcError(error);
      const turnId =
        mapped instanceof TRPCError && mapped.cause && 'turnId' in mapped.cause ? String(mapped.cause.turnId) : null;
      const code = mapped instanceof TRPCError ? mapped.code : 'INTERNAL_SERVER_ERROR';
      const message = mapped instanceof TRPCError ? mapped.message : 'The turn failed unexpectedly.';
      push({ type: 'error', code, message, turnId });
    })
    .finally(() => {
      finished = true;
      wake?.();
    });

  while (!signal?.aborted) {
    const event = queue.shift();
    if (event) {
      yield event;
      continue;
    }
    if (finished) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

// Prints a turn's events as they come (agents and tools to stderr, the text to stdout) until it
// ends; shared by `send` (chat.stream) and `watch` (chat.watch).
import type { TurnEventDto as TurnEvent } from '../../../server/routers/dto.ts';
import { CliError, EXIT } from '../errors.ts';
import type { Out } from '../print.ts';

export type Ending = Extract<TurnEvent, { type: 'done' | 'cancelled' | 'approval' }>;

type Observer = {
  onData(event: TurnEvent): void;
  onError(error: unknown): void;
  onConnectionStateChange(state: { state: string; error: unknown }): void;
  onComplete(): void;
};

/** `subscribe` opens the stream; `onTurn` learns the turn's id as soon as it exists. */
export function followTurn(
  out: Out,
  subscribe: (observer: Observer) => { unsubscribe(): void },
  onTurn: (turnId: string) => void = () => {},
): { ending: Promise<Ending>; streamed: () => boolean } {
  let streamed = false;
  const ending = new Promise<Ending>((resolve, reject) => {
    let finished = false;
    const finish = (outcome: () => void) => {
      if (finished) return;
      finished = true;
      subscription.unsubscribe();
      outcome();
    };
    const subscription = subscribe({
      onData(event) {
        if (event.type === 'turn') onTurn(event.turn.id);
        else if (event.type === 'agent') out.stderr(`→ ${event.agent}${event.reason ? ` (${event.reason})` : ''}\n`);
        else if (event.type === 'tool' && event.phase === 'end') {
          out.stderr(`  ${event.ok ? '✓' : '✗'} ${event.name} by ${event.agent}${event.ok ? '' : ' failed'}\n`);
        } else if (event.type === 'delta') {
          streamed = true;
          out.stdout(event.text);
        } else if (event.type === 'done' || event.type === 'cancelled' || event.type === 'approval') finish(() => resolve(event));
        else if (event.type === 'error') {
          const retry = event.turnId ? `\nRetry it with: switchboard retry ${event.turnId}` : '';
          finish(() => reject(new CliError(`${event.message}${retry}`)));
        }
      },
      onError: (error) => finish(() => reject(error)),
      // EventSource would reconnect forever; a CLI should say the server is gone instead.
      onConnectionStateChange(state) {
        if (state.state === 'connecting' && state.error) finish(() => reject(state.error));
      },
      onComplete: () => finish(() => reject(new CliError('The server closed the stream before the reply was complete.'))),
    });
  });
  return { ending, streamed: () => streamed };
}

/** A stopped turn: what streamed stays as its reply; the exit code says it was interrupted. */
export function stoppedError(ending: Extract<Ending, { type: 'cancelled' }>): CliError {
  const kept = ending.reply ? 'The reply so far is kept.' : 'No reply was written.';
  return new CliError(`\nStopped. ${kept} Retry it with: switchboard retry ${ending.turn.id}`, EXIT.interrupted);
}

// `switchboard send`: streams one turn over chat.stream, showing who answers as it happens.
import { randomUUID } from 'node:crypto';
import type { TurnEventDto as TurnEvent } from '../../../server/routers/dto.ts';
import type { Client } from '../client.ts';
import { CliError } from '../errors.ts';
import { routingBlock, type Out } from '../print.ts';

type Done = Extract<TurnEvent, { type: 'done' }>;

export async function send(client: Client, out: Out, input: { message: string; conversationId?: string; businessId?: string }): Promise<void> {
  let streamed = false;
  const done = await new Promise<Done>((resolve, reject) => {
    let finished = false;
    const finish = (outcome: () => void) => {
      if (finished) return;
      finished = true;
      subscription.unsubscribe();
      outcome();
    };
    const subscription = client.chat.stream.subscribe(
      // A client message id makes a reconnect's resend harmless: the server answers it once.
      { ...input, clientMessageId: randomUUID() },
      {
        onData(event) {
          if (event.type === 'agent') {
            out.stderr(`→ ${event.agent}${event.reason ? ` (${event.reason})` : ''}\n`);
          } else if (event.type === 'tool' && event.phase === 'end') {
            out.stderr(`  ${event.ok ? '✓' : '✗'} ${event.name} by ${event.agent}${event.ok ? '' : ' failed'}\n`);
          } else if (event.type === 'delta') {
            streamed = true;
            out.stdout(event.text);
          } else if (event.type === 'done') {
            finish(() => resolve(event));
          } else if (event.type === 'error') {
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
      },
    );
  });

  printOutcome(out, done, { streamed });
}

/** The reply (unless it already streamed), then how it was routed and how to continue. */
export function printOutcome(out: Out, outcome: Omit<Done, 'type'>, { streamed }: { streamed: boolean }): void {
  if (!streamed) out.stdout(outcome.reply.content);
  out.stdout('\n');
  out.stderr(`\n${routingBlock(outcome.turn)}\n`);
  const id = outcome.conversationId;
  out.stderr(`  conversation ${id}  (continue: switchboard send --conversation ${id} "…")\n`);
}

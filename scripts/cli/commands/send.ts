// `switchboard send`: streams one turn over chat.stream, showing who answers as it happens.
// Ctrl-C stops the turn on the server (chat.cancel) and keeps what was written; a second one quits.
import { randomUUID } from 'node:crypto';
import type { SendResult } from '../../../server/routers/dto.ts';
import type { Client } from '../client.ts';
import { CliError, EXIT } from '../errors.ts';
import { type Out, routingBlock } from '../print.ts';
import { printWaiting } from './approvals.ts';
import { followTurn, stoppedError } from './follow.ts';

export async function send(
  client: Client,
  out: Out,
  input: { message: string; conversationId?: string; businessId?: string },
): Promise<void> {
  let turnId: string | null = null;
  let stopping = false;
  let quit: (error: CliError) => void = () => {};
  const quitting = new Promise<never>((_, reject) => (quit = reject));
  const onInterrupt = () => {
    if (stopping || !turnId) return quit(new CliError('\nInterrupted.', EXIT.interrupted));
    stopping = true;
    out.stderr('\nStopping…\n');
    // The stream then ends with `cancelled`; a turn that finished first ends with `done`.
    client.chat.cancel.mutate({ turnId }).catch(() => {});
  };
  process.on('SIGINT', onInterrupt);
  try {
    const followed = followTurn(
      out,
      (observer) =>
        // A client message id makes a reconnect's resend harmless: the server answers it once.
        client.chat.stream.subscribe({ ...input, clientMessageId: randomUUID() }, observer),
      (id) => (turnId = id),
    );
    const ending = await Promise.race([followed.ending, quitting]);
    if (ending.type === 'cancelled') throw stoppedError(ending);
    printOutcome(out, ending.type === 'approval' ? { ...ending, reply: null } : ending, { streamed: followed.streamed() });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/** The reply (unless it already streamed), then how it was routed and how to continue. */
export function printOutcome(out: Out, outcome: SendResult, { streamed }: { streamed: boolean }): void {
  if (!outcome.reply) {
    printWaiting(out, outcome.turn);
    return;
  }
  if (!streamed) out.stdout(outcome.reply.content);
  out.stdout('\n');
  out.stderr(`\n${routingBlock(outcome.turn)}\n`);
  const id = outcome.conversationId;
  out.stderr(`  conversation ${id}  (continue: switchboard send --conversation ${id} "…")\n`);
}

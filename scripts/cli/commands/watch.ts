// `switchboard watch <turn-id>`: follows a turn started anywhere (another terminal, the web app,
// another instance) from what it has written so far to its end.
import type { Client } from '../client.ts';
import type { Out } from '../print.ts';
import { followTurn, stoppedError } from './follow.ts';
import { printOutcome } from './send.ts';

export async function watch(client: Client, out: Out, turnId: string): Promise<void> {
  const followed = followTurn(out, (observer) =>
    client.chat.watch.subscribe({ turnId }, { ...observer, onData: ({ data }) => observer.onData(data) }),
  );
  const ending = await followed.ending;
  if (ending.type === 'cancelled') {
    if (!followed.streamed() && ending.reply) out.stdout(ending.reply.content);
    throw stoppedError(ending);
  }
  printOutcome(out, ending.type === 'approval' ? { ...ending, reply: null } : ending, { streamed: followed.streamed() });
}

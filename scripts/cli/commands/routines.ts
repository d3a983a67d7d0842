// `switchboard routines` and `switchboard routine run`: the prompts that run on a schedule.
import type { Client } from '../client.ts';
import { type Out, shortTime } from '../print.ts';

export async function listRoutines(client: Client, out: Out, input: { businessId?: string }): Promise<void> {
  const { items } = await client.routines.list.query(input);
  if (!items.length) {
    out.stderr('No routines yet: create one on the Routines page of the web app.\n');
    return;
  }
  for (const routine of items) {
    const next = routine.nextRunAt ? `next ${shortTime(routine.nextRunAt)}` : 'paused';
    const last = routine.lastRun ? `, last ${routine.lastRun.status}` : '';
    const unread = routine.unread ? `, ${routine.unread} unread` : '';
    out.stdout(
      `${routine.id}  ${routine.title}  (${routine.schedule.cron} ${routine.schedule.timezone}, ${routine.expert ?? 'routed'}; ${next}${last}${unread})\n`,
    );
  }
}

/** Runs it now and waits for the outcome (after any run already going in its conversation). */
export async function runRoutine(client: Client, out: Out, routineId: string): Promise<void> {
  out.stderr('Running… (it waits for a run already going in its conversation)\n');
  const { turn } = await client.routines.runNow.mutate({ routineId });
  const { messages } = await client.chat.history.query({ conversationId: turn.conversationId });
  const reply = messages.find((message) => message.turnId === turn.id && message.role === 'assistant');
  out.stderr(`→ ${turn.status}${turn.agents.length ? ` (${turn.agents.join(' → ')})` : ''}\n`);
  if (reply) out.stdout(`${reply.content}\n`);
  if (turn.error) out.stderr(`${turn.error.message}\nRetry with: switchboard retry ${turn.id}\n`);
}

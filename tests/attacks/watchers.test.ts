// Five hundred watchers of one running turn (chat.watch, as 500 open tabs or a script would):
// /api/health keeps answering, and every watcher still gets the whole reply and the turn's end.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackTarget, startAttackTarget } from '../support/attack-target.ts';
import { echoTurns, type FakeReply } from '../support/fake-openai.ts';
import { whileProbingHealth } from '../support/health-probe.ts';
import { mutate, query } from '../support/http-api.ts';

const WATCHERS = 500;
const reply = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
let target: AttackTarget;
beforeAll(async () => {
  target = await startAttackTarget({}, { wordDelayMs: 40 });
  const echo = echoTurns();
  target.fake.setResponder(async (request): Promise<FakeReply> => {
    const answer = await echo(request);
    return 'text' in answer ? { text: reply } : answer;
  });
});
afterAll(() => target?.close());

async function runningTurnId(): Promise<string> {
  for (;;) {
    const [conversation] = (await query<{ items: { id: string }[] }>(target.url, 'conversations.list', { limit: 1 })).data!.items;
    if (conversation) {
      const history = await query<{ turns: { id: string; status: string }[] }>(target.url, 'chat.history', {
        conversationId: conversation.id,
      });
      const running = history.data!.turns.find((turn) => turn.status === 'running');
      if (running) return running.id;
    }
  }
}

/** The whole SSE stream of one chat.watch, as text. */
async function watch(turnId: string): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ turnId }));
  const response = await fetch(`${target.url}/api/trpc/chat.watch?input=${input}`);
  return response.text();
}

it('keeps answering /api/health while 500 watchers follow one turn, and each gets the whole reply', async () => {
  const sending = mutate<{ reply: { content: string } }>(target.url, 'chat.send', { message: 'Tell me everything' });
  const turnId = await runningTurnId();
  const streams = await whileProbingHealth(target.url, Promise.all(Array.from({ length: WATCHERS }, () => watch(turnId))));
  expect((await sending).data!.reply.content).toBe(reply);
  for (const stream of streams) {
    expect(stream).toContain('"type":"done"');
    const text = [...stream.matchAll(/"type":"delta","text":"([^"]*)"/g)].map((m) => m[1]).join('');
    expect(text.trim()).toBe(reply);
  }
  await target.unharmed({ conversations: 1, modelCalls: 2 });
}, 120_000);

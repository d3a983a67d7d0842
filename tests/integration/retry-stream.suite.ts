// chat.retryStream on either driver: a failed turn runs again streamed like a send, a second
// subscription while it runs (a reconnect) follows that run instead of starting another, and a
// turn that is not retryable is refused before anything runs.
import { modelError } from '@openai/agents/testing';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { TurnEventDto } from '../../server/routers/dto.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { gate } from '../support/echo-model.ts';
import { heldStream } from '../support/held-stream.ts';
import { reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';

const ANSWER = 'Launch with three reels in the first week, then one a week.';

async function collect(source: Promise<AsyncIterable<unknown>>, events: TurnEventDto[] = []): Promise<TurnEventDto[]> {
  for await (const event of await source) events.push(event as TurnEventDto);
  return events;
}

export function retryStreamSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('streams a retry of a failed turn, and a second subscription meanwhile follows the same run', async () => {
    const h = chatHarness(database);
    h.script(modelError(new Error('upstream exploded')));
    const failed = await rejection(h.api.chat.send({ message: 'Plan my launch' }));
    const turnId = (failed.cause as { turnId: string }).turnId;

    const release = gate();
    const held = gate();
    h.script(
      routeTo(h.team, 'Media', 'launch'),
      heldStream(ANSWER, { afterWords: 3, until: release.promise, onHeld: held.open }),
    );
    const first: TurnEventDto[] = [];
    const streaming = collect(h.api.chat.retryStream({ turnId }), first);
    await held.promise;
    const b: TurnEventDto[] = [];
    const second = collect(h.api.chat.retryStream({ turnId }), b);
    // Released only once the reconnect follows: one that comes after the run ended is a new retry
    // of a completed turn, which the next test shows is refused.
    await vi.waitFor(() => expect(b.length).toBeGreaterThan(0));
    release.open();
    const [a] = await Promise.all([streaming, second]);

    expect(a[0]).toMatchObject({ type: 'turn', turn: { id: turnId, status: 'running' } });
    expect(a.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('')).toBe(ANSWER);
    for (const events of [a, b]) {
      expect(events.at(-1)).toMatchObject({
        type: 'done',
        turn: { id: turnId, status: 'completed' },
        reply: { content: ANSWER },
      });
    }
    const history = await h.api.chat.history({ conversationId: (a.at(-1) as { conversationId: string }).conversationId });
    expect(history.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('refuses a turn that is not failed or stopped, with CONFLICT as an error event', async () => {
    const h = chatHarness(database);
    h.script(routeTo(h.team, 'Media', 'launch'), reply('Done.'));
    const sent = await h.api.chat.send({ message: 'Another one' });
    const events = await collect(h.api.chat.retryStream({ turnId: sent.turn.id }));
    expect(events).toEqual([expect.objectContaining({ type: 'error', code: 'CONFLICT' })]);
  });
}

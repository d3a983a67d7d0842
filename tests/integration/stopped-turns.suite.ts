// Stop meets the rest of a turn: images Creative drew before Stop, the route, a retry, and a lock
// lost at the same moment (the lost lock wins: LOCK_LOST, never "cancelled").
import type { RecordedModelCall } from '@openai/agents/testing';
import { modelResponder } from '@openai/agents/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { readFile } from '../../db/queries/files.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import type { LockHandle, TurnLock } from '../../server/locks/turn-lock.ts';
import { LockLostError } from '../../server/locks/turn-lock.ts';
import type { TurnEventDto } from '../../server/routers/dto.ts';
import { chatHarness } from '../support/chat-harness.ts';
import { gate } from '../support/echo-model.ts';
import { heldStream, holdCall } from '../support/held-stream.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import { createTestDatabase, type DriverKind } from '../support/test-db.ts';
import { fakeImageService } from '../support/test-files.ts';

const REPLY = 'Here is a flame inside a circle, set in deep teal on cream, for the label and the site.';
const PROMPT = 'A flame inside a circle, deep teal on cream';

type Ending = Extract<TurnEventDto, { type: 'cancelled' | 'done' | 'error' }>;

/** A subscription's events to its end; chat.watch's come as tracked `[id, event]` envelopes. */
async function collect(source: Promise<AsyncIterable<unknown>>): Promise<TurnEventDto[]> {
  const events: TurnEventDto[] = [];
  for await (const item of await source) events.push((Array.isArray(item) ? item[1] : item) as TurnEventDto);
  return events;
}

/** A model call that streams nothing and holds until the run aborts it. */
const heldSilently = (held: () => void) =>
  modelResponder(async (call: RecordedModelCall) => {
    held();
    await holdCall(call, new Promise(() => {}));
    throw Object.assign(new Error('aborted'), { name: 'AbortError' });
  });

/** A lock whose handles the test can mark lost, as a broken Postgres session would. */
function losableLock(): TurnLock & { loseAll(): void } {
  const inner = new LocalLock();
  const held = new Set<AbortController>();
  const wrap = (handle: LockHandle): LockHandle => {
    const lost = new AbortController();
    held.add(lost);
    return { lost: lost.signal, release: () => (held.delete(lost), handle.release()) };
  };
  return {
    acquire: async (keys) => wrap(await inner.acquire(keys)),
    tryAcquire: async (key) => {
      const handle = await inner.tryAcquire(key);
      return handle && wrap(handle);
    },
    loseAll: () => held.forEach((c) => c.abort(new LockLostError())),
  };
}

export function stoppedTurnsSuite(kind: DriverKind) {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  const creative = (lock?: TurnLock) =>
    chatHarness(database, { tools: { api: 'chat_completions', images: fakeImageService() }, modelName: 'gpt-4o-mini', lock });

  it('keeps the image drawn before Stop with the stopped reply, in the stream, a watch and history; a retry replaces both', async () => {
    const h = creative();
    const release = gate();
    const held = gate();
    h.script(
      routeTo(h.team, 'Creative', 'Logo idea.'),
      callTool('generate_image', { prompt: PROMPT }),
      heldStream(REPLY, { afterWords: 5, until: release.promise, onHeld: held.open }),
    );
    const streaming = collect(h.api.chat.stream({ message: 'Show me a logo idea' }));
    await held.promise;
    const [turnId] = h.chat.running.list().map((t) => t.turnId);
    const { turn } = await h.api.chat.cancel({ turnId: turnId! });
    const events = await streaming;

    expect(turn).toMatchObject({ status: 'cancelled', route: 'handoff', agents: ['Orchestrator', 'Creative'] });
    const ending = events.at(-1) as Ending;
    expect(ending).toMatchObject({ type: 'cancelled', turn: { route: 'handoff' }, reply: { stopped: true, agent: 'Creative' } });
    const attachments = ending.type === 'cancelled' ? ending.reply?.attachments : undefined;
    expect(attachments).toEqual([
      expect.objectContaining({ kind: 'image', prompt: PROMPT, url: expect.stringMatching(/^\/api\/files\//) }),
    ]);
    const image = attachments![0]!;
    expect(await readFile(database.db, image.id)).toMatchObject({ turnId, kind: 'image' });

    // A watcher of the finished turn gets the same end; history shows the image under the stopped reply.
    const watched = await collect(h.api.chat.watch({ turnId: turnId! }));
    expect(watched).toEqual([
      expect.objectContaining({
        type: 'cancelled',
        turn: expect.objectContaining({ route: 'handoff' }),
        reply: expect.objectContaining({ attachments: [image] }),
      }),
    ]);
    const history = await h.api.chat.history({ conversationId: turn.conversationId });
    expect(history.messages.find((m) => m.role === 'assistant')).toMatchObject({ stopped: true, attachments: [image] });

    h.script(
      routeTo(h.team, 'Creative', 'Logo idea.'),
      callTool('generate_image', { prompt: PROMPT }),
      reply('A flame in a circle.'),
    );
    const retried = await h.api.chat.retry({ turnId: turnId! });
    expect(retried.turn).toMatchObject({ status: 'completed', route: 'handoff' });
    expect(retried.reply).toMatchObject({ stopped: false, attachments: [expect.objectContaining({ prompt: PROMPT })] });
    expect(retried.reply!.attachments![0]!.id).not.toBe(image.id);
    expect(await readFile(database.db, image.id)).toBeUndefined();
    const after = await h.api.chat.history({ conversationId: turn.conversationId });
    expect(after.messages.filter((m) => m.role === 'assistant').map((m) => [m.stopped, m.attachments?.length])).toEqual([
      [false, 1],
    ]);
  });

  it('keeps no image for a turn stopped before any text: there is no reply to show it under', async () => {
    const h = creative();
    const held = gate();
    h.script(routeTo(h.team, 'Creative', 'Logo idea.'), callTool('generate_image', { prompt: PROMPT }), heldSilently(held.open));
    const streaming = collect(h.api.chat.stream({ message: 'Draw me a logo' }));
    await held.promise;
    const [turnId] = h.chat.running.list().map((t) => t.turnId);
    const { turn } = await h.api.chat.cancel({ turnId: turnId! });
    expect((await streaming).at(-1)).toMatchObject({ type: 'cancelled', reply: null });
    expect(turn.tools).toEqual([expect.objectContaining({ name: 'generate_image', ok: true })]);
    const files = await h.api.files.list({});
    expect(files.items.filter((f) => f.turnId === turnId)).toEqual([]);
  });

  it('records a lost lock as LOCK_LOST even when Stop was pressed at the same moment', async () => {
    const lock = losableLock();
    const h = chatHarness(database, { lock });
    const held = gate();
    h.script(
      routeTo(h.team, 'Strategic', 'pricing'),
      heldStream(REPLY, { afterWords: 3, until: new Promise(() => {}), onHeld: held.open }),
    );
    const streaming = collect(h.api.chat.stream({ message: 'What should I charge?' }));
    await held.promise;
    const [turnId] = h.chat.running.list().map((t) => t.turnId);
    lock.loseAll();
    h.chat.running.cancel(turnId!);
    expect((await streaming).at(-1)).toMatchObject({ type: 'error', code: 'BAD_GATEWAY', turnId });
    expect(await findTurn(database.db, turnId!)).toMatchObject({ status: 'failed', errorCode: 'LOCK_LOST' });
    const history = await h.api.chat.history({ conversationId: (await findTurn(database.db, turnId!))!.conversationId });
    expect(history.messages.map((m) => m.role)).toEqual(['user']);
  });
}

// Live turns on either driver: stop a turn (before the handoff, mid-stream, mid-consult) and watch
// it (from the start, mid-way, after the end), from the instance that runs it and from another.
// On Postgres the two instances are two pools, two LISTEN connections and two advisory-lock
// sessions. PGlite is opened by one process only, so there "the other instance" is the same app:
// its turns' events never leave memory.
import { modelResponder, type RecordedModelCall } from '@openai/agents/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import type { TurnEventDto } from '../../server/routers/dto.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { gate } from '../support/echo-model.ts';
import { heldStream, holdCall } from '../support/held-stream.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';

const REPLY = 'Price the candle at 24 EUR and bundle three for 60 EUR to lift the basket size.';

/** Reads a subscription into an array as it goes; `next` resolves on the next event. */
function follow(source: Promise<AsyncIterable<unknown>>) {
  const events: TurnEventDto[] = [];
  const waiters: (() => void)[] = [];
  const done = (async () => {
    for await (const item of await source) {
      // chat.watch yields tracked envelopes ([id, data]); chat.stream plain events.
      events.push((Array.isArray(item) ? item[1] : item) as TurnEventDto);
      waiters.splice(0).forEach((wake) => wake());
    }
  })();
  const until = async (check: (events: TurnEventDto[]) => boolean) => {
    while (!check(events)) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  return { events, done, until };
}

const textOf = (events: TurnEventDto[]) => events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
const last = (events: TurnEventDto[]) => events.at(-1)!;

export function liveSuite(kind: DriverKind) {
  let instances: { a: Instance; b: Instance; close(): Promise<void> };
  beforeAll(async () => {
    instances = await twoInstances(kind);
  });
  afterAll(async () => {
    await instances.close();
  });

  async function pair() {
    const a = chatHarness(instances.a.database, { lock: instances.a.lock });
    const b = kind === 'pglite' ? a : chatHarness(instances.b.database, { lock: instances.b.lock });
    await Promise.all([a.chat.live.ready, b.chat.live.ready]);
    return { a, b };
  }

  /** A turn on A whose expert streams REPLY and holds after `afterWords` words until released. */
  async function heldTurn(a: ReturnType<typeof chatHarness>, afterWords = 4) {
    const release = gate();
    const held = gate();
    a.script(
      routeTo(a.team, 'Strategic', 'pricing'),
      heldStream(REPLY, { afterWords, until: release.promise, onHeld: held.open }),
    );
    const stream = follow(a.api.chat.stream({ message: 'What should I charge?' }));
    await held.promise;
    await stream.until((events) => textOf(events).split(' ').length > afterWords);
    const turnId = (stream.events[0] as Extract<TurnEventDto, { type: 'turn' }>).turn.id;
    return { stream, turnId, release: release.open };
  }

  describe('cancel', () => {
    it('stops a turn before the handoff: no reply, the Orchestrator’s tokens kept, retry answers', async () => {
      const { a, b } = await pair();
      const held = gate();
      a.script(
        modelResponder(async (call: RecordedModelCall) => {
          held.open();
          await holdCall(call, new Promise(() => {}));
          throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        }),
      );
      const stream = follow(a.api.chat.stream({ message: 'Plan my launch' }));
      await held.promise;
      const turnId = (stream.events[0] as Extract<TurnEventDto, { type: 'turn' }>).turn.id;

      const { turn } = await b.api.chat.cancel({ turnId });
      await stream.done;

      expect(turn).toMatchObject({ id: turnId, status: 'cancelled', agents: ['Orchestrator'], error: null });
      expect(last(stream.events)).toMatchObject({ type: 'cancelled', reply: null, turn: { status: 'cancelled' } });
      const history = await a.api.chat.history({ conversationId: turn.conversationId });
      expect(history.messages.map((m) => m.role)).toEqual(['user']);

      a.script(routeTo(a.team, 'Media', 'launch'), reply('Launch with reels.'));
      const retried = await a.api.chat.retry({ turnId });
      expect(retried).toMatchObject({
        turn: { id: turnId, status: 'completed' },
        reply: { content: 'Launch with reels.', stopped: false },
      });
    });

    it('stops a turn during the expert’s stream from the other instance, keeping the text so far as a stopped reply', async () => {
      const { a, b } = await pair();
      const { stream, turnId } = await heldTurn(a);

      const { turn } = await b.api.chat.cancel({ turnId });
      await stream.done;

      const streamed = textOf(stream.events);
      expect(streamed.length).toBeGreaterThan(0);
      expect(REPLY.startsWith(streamed)).toBe(true);
      expect(turn).toMatchObject({ status: 'cancelled', agents: ['Orchestrator', 'Strategic'] });
      // The Orchestrator's finished call is counted; the cut-off call reported nothing.
      expect(turn.usage).toMatchObject({ inputTokens: 120, outputTokens: 20 });
      expect(last(stream.events)).toMatchObject({
        type: 'cancelled',
        reply: { content: streamed.trim(), stopped: true, agent: 'Strategic' },
      });
      const history = await b.api.chat.history({ conversationId: turn.conversationId });
      expect(history.messages.map((m) => [m.role, m.content, m.stopped])).toEqual([
        ['user', 'What should I charge?', false],
        ['assistant', streamed.trim(), true],
      ]);
      expect(history.turns[0]).toMatchObject({ id: turnId, status: 'cancelled' });

      // A stopped turn is retried to a whole answer that replaces the stopped one.
      b.script(routeTo(b.team, 'Strategic', 'pricing'), reply(REPLY));
      const retried = await b.api.chat.retry({ turnId });
      expect(retried.reply).toMatchObject({ content: REPLY, stopped: false });
      const after = await a.api.chat.history({ conversationId: turn.conversationId });
      expect(after.messages.map((m) => [m.role, m.stopped])).toEqual([
        ['user', false],
        ['assistant', false],
      ]);
    });

    it('stops a turn while its expert consults a colleague', async () => {
      const { a, b } = await pair();
      const held = gate();
      a.script(
        routeTo(a.team, 'Creative', 'naming with a price question'),
        callTool(consultToolName('Strategic'), { question: 'What should a 200 g candle cost?' }),
        modelResponder(async (call: RecordedModelCall) => {
          held.open();
          await holdCall(call, new Promise(() => {}));
          throw Object.assign(new Error('aborted'), { name: 'AbortError' });
        }),
      );
      const stream = follow(a.api.chat.stream({ message: 'Name my brand and price it' }));
      await held.promise;
      const turnId = (stream.events[0] as Extract<TurnEventDto, { type: 'turn' }>).turn.id;

      const { turn } = await b.api.chat.cancel({ turnId });
      await stream.done;
      expect(turn.status).toBe('cancelled');
      expect(stream.events.some((e) => e.type === 'tool' && e.phase === 'start' && e.consulted === 'Strategic')).toBe(true);
      expect(last(stream.events)).toMatchObject({ type: 'cancelled' });
    });

    it('refuses to cancel a finished or unknown turn', async () => {
      const { a, b } = await pair();
      a.script(routeTo(a.team, 'Media', 'reach'), reply('Post daily.'));
      const { turn } = await a.api.chat.send({ message: 'How do I grow?' });
      for (const api of [a.api, b.api]) {
        expect(await rejection(api.chat.cancel({ turnId: turn.id }))).toMatchObject({
          code: 'CONFLICT',
          message: expect.stringMatching(/not running/),
        });
      }
      expect(await rejection(b.api.chat.cancel({ turnId: crypto.randomUUID() }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await rejection(b.api.chat.retry({ turnId: turn.id }))).toMatchObject({ code: 'CONFLICT' });
    });
  });

  describe('watch', () => {
    it('follows a turn from its start on either instance to the same final text as its starter', async () => {
      const { a, b } = await pair();
      const { stream, turnId, release } = await heldTurn(a, 0);
      const here = follow(a.api.chat.watch({ turnId }));
      const there = follow(b.api.chat.watch({ turnId }));
      await there.until((events) => events.some((e) => e.type === 'agent' && e.agent === 'Strategic'));
      release();
      await Promise.all([stream.done, here.done, there.done]);

      for (const watched of [here.events, there.events]) {
        expect(watched[0]).toMatchObject({ type: 'turn', turn: { id: turnId } });
        expect(watched.filter((e) => e.type === 'agent').map((e) => e.type === 'agent' && e.agent)).toEqual([
          'Orchestrator',
          'Strategic',
        ]);
        expect(textOf(watched)).toBe(REPLY);
        expect(last(watched)).toMatchObject({ type: 'done', reply: { content: REPLY }, turn: { status: 'completed' } });
      }
    });

    it('joins mid-way with what was streamed so far, then the rest, with nothing lost or doubled', async () => {
      const { a, b } = await pair();
      const { stream, turnId, release } = await heldTurn(a, 6);
      const there = follow(b.api.chat.watch({ turnId }));
      const here = follow(a.api.chat.watch({ turnId }));
      await there.until((events) => textOf(events).length >= textOf(stream.events).length);
      await here.until((events) => textOf(events).length >= textOf(stream.events).length);
      release();
      await Promise.all([stream.done, here.done, there.done]);
      expect(textOf(here.events)).toBe(REPLY);
      expect(textOf(there.events)).toBe(REPLY);
      expect(textOf(stream.events)).toBe(REPLY);
    });

    // A finished turn's events stay until the sweep clears them, so a watcher resuming on another
    // instance right as the turn ends still reads the deltas it missed (they used to go at the end).
    it('resumes after the last event id it got, without repeating text', async () => {
      const { a, b } = await pair();
      const { stream, turnId, release } = await heldTurn(a, 5);
      const first = await b.api.chat.watch({ turnId });
      const seen: string[] = [];
      let lastEventId = '';
      for await (const [id, event] of first as AsyncIterable<[string, TurnEventDto]>) {
        lastEventId = id;
        if (event.type === 'delta') seen.push(event.text);
        if (seen.join('').split(' ').length > 5) break;
      }
      const rest = follow(b.api.chat.watch({ turnId, lastEventId }));
      // Watchers of a turn on one instance share its feed: once a second one has caught up, the
      // resumed watcher is following the running turn (not joining a finished one).
      const probe = follow(b.api.chat.watch({ turnId }));
      await probe.until((events) => textOf(events).length >= seen.join('').length);
      release();
      await Promise.all([stream.done, rest.done, probe.done]);
      expect(seen.join('') + textOf(rest.events)).toBe(REPLY);
    });

    // A watcher's instance asks the running one for the turn's events by NOTIFY; one sent while
    // the running instance's LISTEN connection is down is lost, so each poll asks again.
    it.skipIf(kind === 'pglite')('follows a turn whose instance missed the request for its events', async () => {
      const { a, b } = await pair();
      const { stream, turnId, release } = await heldTurn(a, 4);
      await instances.a.database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'LISTEN %' and pid <> pg_backend_pid()`);
      const there = follow(b.api.chat.watch({ turnId }));
      // Before the turn goes on: only events the running instance wrote for this watcher can get here.
      await there.until((events) => textOf(events).length >= textOf(stream.events).length);
      release();
      await Promise.all([stream.done, there.done]);
      expect(textOf(there.events)).toBe(REPLY);
    });

    it('answers a finished turn with its final event at once, and an unknown one with NOT_FOUND', async () => {
      const { a, b } = await pair();
      a.script(routeTo(a.team, 'Media', 'reach'), reply('Post daily.'));
      const { turn } = await a.api.chat.send({ message: 'How do I grow?' });
      const watched = follow(b.api.chat.watch({ turnId: turn.id }));
      await watched.done;
      expect(watched.events).toEqual([
        expect.objectContaining({ type: 'done', reply: expect.objectContaining({ content: 'Post daily.' }) }),
      ]);
      expect(await rejection(follow(b.api.chat.watch({ turnId: crypto.randomUUID() })).done)).toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('lets a watcher that never reads hold nothing up, and a watcher leaving never stops the turn', async () => {
      const { a } = await pair();
      const { stream, turnId, release } = await heldTurn(a, 2);
      const idle = await a.api.chat.watch({ turnId });
      const idleReader = idle[Symbol.asyncIterator]();
      await idleReader.next();
      const leaving = (await a.api.chat.watch({ turnId }))[Symbol.asyncIterator]();
      await leaving.next();
      await leaving.return?.(undefined);
      release();
      // The starter's stream completes while one watcher never reads again and one has left.
      await stream.done;
      expect(last(stream.events)).toMatchObject({ type: 'done', reply: { content: REPLY } });
      await idleReader.return?.(undefined);
    });
  });
}

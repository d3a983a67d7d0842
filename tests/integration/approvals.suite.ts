// The pause/resume seam on either driver, with an ordinary function tool that needs the owner's
// yes, through the real runner on a scripted model: the turn pauses as awaiting_approval with its
// state in the database, and chat.approve resumes it on any instance, after a restart, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from '@openai/agents';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { findTurn } from '../../db/queries/turns.ts';
import type { TurnToolset } from '../../server/connections/turn-tools.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import type { TurnEventDto } from '../../server/routers/dto.ts';
import { recoverInterruptedTurns } from '../../server/turns/interrupted-turns.ts';
import { REJECTED_CALL } from '../../server/turns/paused-run.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';

const REQUEST = 'Create a 10% spring discount code';

/** A write tool that asks first, and counts how often it really ran. */
function discountShop() {
  const runs: unknown[] = [];
  const createDiscount = tool({
    name: 'shop__create_discount',
    description: 'Create a discount code',
    parameters: z.object({ code: z.string(), percent: z.number() }),
    needsApproval: true,
    async execute(input) {
      runs.push(input);
      return `Created ${input.code} (${input.percent}% off).`;
    },
  });
  const toolset: TurnToolset = {
    tools: { Producing: [createDiscount] },
    notes: {},
    target: (name) => (name === createDiscount.name ? { server: 'shop', tool: 'create_discount' } : null),
  };
  return { runs, connections: { forTurn: async () => toolset } };
}

const ask = (h: ReturnType<typeof chatHarness>) =>
  h.script(routeTo(h.team, 'Producing', 'Runs the shop.'), callTool('shop__create_discount', { code: 'SPRING10', percent: 10 }));

/** Texts of the tool results (the transfer's included) a model call received. */
function toolResults(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((item: { type?: string; output?: unknown }) => {
    if (item.type !== 'function_call_result') return [];
    const output = item.output as string | { text?: string };
    return [typeof output === 'string' ? output : (output.text ?? JSON.stringify(output))];
  });
}

export function approvalsSuite(kind: DriverKind) {
  let instances: { a: Instance; b: Instance; close(): Promise<void> };
  beforeAll(async () => {
    instances = await twoInstances(kind);
  });
  afterAll(async () => {
    await instances.close();
  });

  const on = (instance: Instance, connections: { forTurn: () => Promise<TurnToolset> }) =>
    chatHarness(instance.database, { lock: instance.lock, connections });

  it('pauses at a call that needs a yes, then runs it exactly once when approved on another instance', async () => {
    const shop = discountShop();
    const a = on(instances.a, shop.connections);
    ask(a);
    const paused = await a.api.chat.send({ message: REQUEST });

    expect(paused.reply).toBeNull();
    expect(paused.turn.status).toBe('awaiting_approval');
    expect(paused.turn.approvals).toEqual([
      {
        id: expect.any(String),
        agent: 'Producing',
        server: 'shop',
        tool: 'create_discount',
        arguments: { code: 'SPRING10', percent: 10 },
        status: 'pending',
        decidedAt: null,
      },
    ]);
    expect(shop.runs).toEqual([]);
    a.model.assertComplete();
    const stored = await findTurn(instances.a.database.db, paused.turn.id);
    expect(stored?.runState).toEqual(expect.any(String));

    // The start-up recovery and the sweep fail only running turns: a paused one waits as long as it takes.
    await recoverInterruptedTurns(instances.a.database.db, instances.a.lock);
    expect((await findTurn(instances.a.database.db, paused.turn.id))?.status).toBe('awaiting_approval');

    const b = on(instances.b, shop.connections);
    b.script(reply('Done: SPRING10 gives 10% off.'));
    const approvalId = paused.turn.approvals![0]!.id;
    const resumed = await b.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' });

    b.model.assertComplete();
    expect(shop.runs).toEqual([{ code: 'SPRING10', percent: 10 }]);
    expect(resumed.reply).toMatchObject({ agent: 'Producing', content: 'Done: SPRING10 gives 10% off.' });
    expect(resumed.turn).toMatchObject({ id: paused.turn.id, status: 'completed', agents: ['Orchestrator', 'Producing'] });
    expect(resumed.turn.approvals![0]).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
    expect(resumed.turn.tools).toEqual([
      { agent: 'Producing', name: 'shop__create_discount', server: 'shop', ms: expect.any(Number), ok: true, approved: true },
    ]);
    // Both segments' tokens: routing 120/20, the call 150/10, the answer after the yes 200/80.
    expect(resumed.turn.usage).toMatchObject({ inputTokens: 470, outputTokens: 110 });
    expect(toolResults(b.model.calls.at(-1)!.request.input).at(-1)).toBe('Created SPRING10 (10% off).');

    // The first decision counts; any later one, either way, is refused and runs nothing.
    const again = await rejection(b.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' }));
    expect(again.code).toBe('CONFLICT');
    const late = await rejection(a.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'reject' }));
    expect(late.code).toBe('CONFLICT');
    expect(shop.runs).toHaveLength(1);

    const history = await a.api.chat.history({ conversationId: paused.conversationId });
    expect(history.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('shows on the resumed reply the documents its turn wrote before the pause', async () => {
    const shop = discountShop();
    const a = on(instances.a, shop.connections);
    a.script(
      routeTo(a.team, 'Producing', 'Runs the shop.'),
      callTool('write_document', { title: 'Spring sale plan', content: '# Spring sale\n\nSPRING10 for two weeks.' }),
      callTool('shop__create_discount', { code: 'SPRING10', percent: 10 }),
    );
    const paused = await a.api.chat.send({ message: REQUEST });
    expect(paused.turn.status).toBe('awaiting_approval');

    const b = on(instances.b, shop.connections);
    b.script(reply('Done: the plan is saved and SPRING10 is live.'));
    const approvalId = paused.turn.approvals![0]!.id;
    const resumed = await b.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' });
    const card = { title: 'Spring sale plan', version: 1, agent: 'Producing' };
    expect(resumed.reply?.documents).toEqual([expect.objectContaining(card)]);
    const history = await b.api.chat.history({ conversationId: paused.conversationId });
    expect(history.messages.at(-1)?.documents).toEqual(resumed.reply?.documents);
  });

  it('tells the expert a rejected call did not run, and it answers without it', async () => {
    const shop = discountShop();
    const h = on(instances.a, shop.connections);
    ask(h);
    const paused = await h.api.chat.send({ message: REQUEST });
    h.script(reply('I did not create the code, as you asked.'));
    const answered = await h.api.chat.approve({
      turnId: paused.turn.id,
      approvalId: paused.turn.approvals![0]!.id,
      decision: 'reject',
    });

    expect(shop.runs).toEqual([]);
    expect(answered.reply?.content).toBe('I did not create the code, as you asked.');
    expect(toolResults(h.model.calls.at(-1)!.request.input).at(-1)).toBe(REJECTED_CALL);
    expect(answered.turn.tools).toEqual([
      { agent: 'Producing', name: 'shop__create_discount', server: 'shop', ms: expect.any(Number), ok: false, approved: false },
    ]);
    // A call that never reached its server still counts as one to it, and as a no.
    const usage = await h.api.stats.agentUsage({ conversationId: paused.conversationId });
    expect(usage.find((u) => u.agent === 'Producing')).toMatchObject({ mcpCalls: 1, callsApproved: 0, callsRejected: 1 });
  });

  it('stops a turn that waits for a yes: its call never runs, nothing waits any more, and a retry asks again', async () => {
    const shop = discountShop();
    const h = on(instances.a, shop.connections);
    ask(h);
    const paused = await h.api.chat.send({ message: REQUEST });
    const approvalId = paused.turn.approvals![0]!.id;

    const { turn } = await h.api.chat.cancel({ turnId: paused.turn.id });
    expect(turn).toMatchObject({ status: 'cancelled', approvals: [expect.objectContaining({ status: 'rejected' })] });
    const waiting = await h.api.chat.approvals({});
    expect(waiting.items.filter((item) => item.turnId === paused.turn.id)).toEqual([]);
    const late = await rejection(h.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' }));
    expect(late.code).toBe('CONFLICT');
    expect((await rejection(h.api.chat.cancel({ turnId: paused.turn.id }))).code).toBe('CONFLICT');
    expect(shop.runs).toEqual([]);

    ask(h);
    const retried = await h.api.chat.retry({ turnId: paused.turn.id });
    expect(retried.turn).toMatchObject({
      status: 'awaiting_approval',
      approvals: [expect.objectContaining({ status: 'pending' })],
    });
    expect(shop.runs).toEqual([]);
  });

  it('lets only one of two decisions made at once resume the run', async () => {
    const shop = discountShop();
    const a = on(instances.a, shop.connections);
    const b = on(instances.b, shop.connections);
    ask(a);
    const paused = await a.api.chat.send({ message: REQUEST });
    a.script(reply('Created.'));
    b.script(reply('Created.'));
    const decision = { turnId: paused.turn.id, approvalId: paused.turn.approvals![0]!.id, decision: 'approve' as const };
    const outcomes = await Promise.allSettled([a.api.chat.approve(decision), b.api.chat.approve(decision)]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'CONFLICT' });
    expect(shop.runs).toHaveLength(1);
  });

  it('answers NOT_FOUND for a call or a turn it does not know, and BAD_REQUEST for a malformed decision', async () => {
    const shop = discountShop();
    const h = on(instances.a, shop.connections);
    ask(h);
    const paused = await h.api.chat.send({ message: REQUEST });

    const unknownCall = await rejection(
      h.api.chat.approve({ turnId: paused.turn.id, approvalId: 'call_nope', decision: 'approve' }),
    );
    expect(unknownCall.code).toBe('NOT_FOUND');
    const unknownTurn = await rejection(
      h.api.chat.approve({ turnId: '00000000-0000-4000-8000-000000000000', approvalId: 'x', decision: 'approve' }),
    );
    expect(unknownTurn.code).toBe('NOT_FOUND');
    const malformed = await rejection(
      h.api.chat.approve({ turnId: paused.turn.id, approvalId: 'x', decision: 'maybe' as 'approve' }),
    );
    expect(malformed).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('approve or reject') });
    expect((await findTurn(instances.a.database.db, paused.turn.id))?.status).toBe('awaiting_approval');
    expect(shop.runs).toEqual([]);
  });

  it('ends chat.stream with the approval event, shows it to chat.watch, and lists the call in chat.approvals', async () => {
    const shop = discountShop();
    const h = on(instances.a, shop.connections);
    ask(h);
    const events: TurnEventDto[] = [];
    for await (const event of await h.api.chat.stream({ message: REQUEST })) events.push(event);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ type: 'approval', approvals: [{ tool: 'create_discount', status: 'pending' }] });
    if (last.type !== 'approval') throw new Error('no approval');

    const watched: unknown[] = [];
    for await (const item of await h.api.chat.watch({ turnId: last.turnId }))
      watched.push([...(item as unknown as unknown[])].slice(0, 2));
    // A watch that lands while the paused turn still settles replays its events first; either way it ends on the pause.
    expect(watched.at(-1)).toEqual([expect.any(String), expect.objectContaining({ type: 'approval', turnId: last.turnId })]);

    const { items } = await h.api.chat.approvals({});
    expect(items).toContainEqual({ turnId: last.turnId, conversationId: last.conversationId, approval: last.approvals[0] });
  });

  if (kind === 'pglite') {
    it('resumes a paused turn after the app restarted in between', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-approvals-'));
      try {
        const shop = discountShop();
        const first = await openDatabase({ kind: 'pglite', dataDir });
        await migrate(first);
        const before = chatHarness(first, { lock: new LocalLock(), connections: shop.connections });
        ask(before);
        const paused = await before.api.chat.send({ message: REQUEST });
        await first.close();

        const second = await openDatabase({ kind: 'pglite', dataDir });
        try {
          await migrate(second);
          const after = chatHarness(second, {
            lock: new LocalLock(),
            connections: shop.connections,
            logger: pino({ level: 'silent' }),
          });
          after.script(reply('Created SPRING10.'));
          const resumed = await after.api.chat.approve({
            turnId: paused.turn.id,
            approvalId: paused.turn.approvals![0]!.id,
            decision: 'approve',
          });
          expect(resumed.turn.status).toBe('completed');
          expect(shop.runs).toHaveLength(1);
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
}

// A consulted expert's write, on either driver, against the tests' own MCP shop over Streamable
// HTTP: Creative answers and consults Producing, whose shop call needs the owner's yes. The owner's
// turn pauses on it; approved (on another instance, or after a restart) it runs once and the consult
// goes on from where it stopped; rejected, Producing is told and answers without it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedModelCall } from '@openai/agents/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { findTurn } from '../../db/queries/turns.ts';
import { consultToolName } from '../../server/agents/tools/consult.ts';
import type { ServerSpec } from '../../server/connections/config-file.ts';
import { Connections } from '../../server/connections/connections.ts';
import { LocalLock } from '../../server/locks/local-lock.ts';
import type { TurnLock } from '../../server/locks/turn-lock.ts';
import { REJECTED_CALL } from '../../server/turns/paused-run.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { type Served, serveShop } from '../support/mcp/shop-http.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';

const REQUEST = 'Write the launch post for my spring sale, with a 10% code';
const QUESTION = 'Create the discount code SPRING10 at 10% off in the shop';
const CODE = { code: 'SPRING10', percent: 10 };

/** The last tool result a model call received. */
function lastToolResult(call: RecordedModelCall): string {
  const items = call.request.input as { type?: string; output?: unknown }[];
  const output = items.filter((item) => item.type === 'function_call_result').at(-1)?.output as string | { text?: string };
  return typeof output === 'string' ? output : (output?.text ?? '');
}

export function consultedApprovalsSuite(kind: DriverKind) {
  let instances: { a: Instance; b: Instance; close(): Promise<void> };
  let folder: string;
  let http: Served;
  const registries: Connections[] = [];
  beforeAll(async () => {
    instances = await twoInstances(kind);
    folder = mkdtempSync(join(tmpdir(), 'switchboard-consulted-'));
    http = await serveShop(join(folder, 'shop.log'));
  });
  afterAll(async () => {
    await Promise.all(registries.map((r) => r.close()));
    await http.close();
    await instances.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** How often the shop really created a code since `mark`. */
  const runs = (mark = 0) => {
    try {
      return readFileSync(join(folder, 'shop.log'), 'utf8').trim().split('\n').filter(Boolean).slice(mark);
    } catch {
      return [];
    }
  };

  // The shop is Producing's alone: Creative reaches it only by consulting Producing.
  const shop = (): ServerSpec => ({
    name: 'shop',
    transport: 'http',
    url: http.url,
    headers: {},
    experts: ['Producing'],
    approval: { ask: [], never: [] },
  });

  function harness(instance: { database: Database; lock: TurnLock }) {
    const registry = new Connections(instance.database.db, { servers: [shop()], broken: [], problem: null });
    registries.push(registry);
    return chatHarness(instance.database, { lock: instance.lock, registry, logger: pino({ level: 'silent' }) });
  }

  /** Creative takes the request and consults Producing, who asks the shop for the code. */
  async function pausedConsult(h: ReturnType<typeof harness>) {
    h.script(
      routeTo(h.team, 'Creative', 'A launch post.'),
      callTool(consultToolName('Producing'), { question: QUESTION }),
      callTool('shop__create_discount', CODE),
    );
    const paused = await h.api.chat.send({ message: REQUEST });
    h.model.assertComplete();
    return { paused, approvalId: paused.turn.approvals![0]!.id };
  }

  it("pauses the owner's turn at a consulted expert's write, and runs it once when approved on another instance", async () => {
    const before = runs().length;
    const a = harness(instances.a);
    const { paused, approvalId } = await pausedConsult(a);

    expect(paused.reply).toBeNull();
    expect(paused.turn.status).toBe('awaiting_approval');
    expect(paused.turn.approvals).toEqual([
      {
        id: expect.any(String),
        agent: 'Producing',
        consultedBy: 'Creative',
        server: 'shop',
        tool: 'create_discount',
        arguments: CODE,
        status: 'pending',
        decidedAt: null,
      },
    ]);
    expect(paused.turn.consults).toEqual([
      expect.objectContaining({ by: 'Creative', agent: 'Producing', ok: false, paused: true }),
    ]);
    expect(runs(before)).toEqual([]);
    const { items } = await a.api.chat.approvals({});
    expect(items).toContainEqual({
      turnId: paused.turn.id,
      conversationId: paused.conversationId,
      approval: paused.turn.approvals![0],
    });

    const b = harness(instances.b);
    b.script(reply('Done: SPRING10 takes 10% off in the shop.'), reply('Spring is here! Use SPRING10 for 10% off.'));
    const resumed = await b.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' });

    b.model.assertComplete();
    expect(runs(before)).toEqual([JSON.stringify(CODE)]);
    const [producingAfter, creativeAfter] = b.model.calls;
    // Producing carries on from its own call's result; Creative gets Producing's answer as the consult's output.
    expect(lastToolResult(producingAfter!)).toContain('Created SPRING10: 10% off.');
    expect(lastToolResult(creativeAfter!)).toBe('Done: SPRING10 takes 10% off in the shop.');
    expect(resumed.reply).toMatchObject({ agent: 'Creative', content: 'Spring is here! Use SPRING10 for 10% off.' });
    expect(resumed.turn).toMatchObject({ status: 'completed', agents: ['Orchestrator', 'Creative', 'Producing'] });
    expect(resumed.turn.approvals![0]).toMatchObject({ status: 'approved', consultedBy: 'Creative' });
    expect(resumed.turn.tools).toEqual([
      { agent: 'Creative', name: 'consult_producing', ms: expect.any(Number), ok: true },
      { agent: 'Producing', name: 'shop__create_discount', server: 'shop', ms: expect.any(Number), ok: true, approved: true },
    ]);
    // One consult across the pause: Producing's call before it (150/10) and its answer after (200/80).
    expect(resumed.turn.consults).toEqual([
      {
        by: 'Creative',
        agent: 'Producing',
        question: QUESTION,
        inputTokens: 350,
        cachedInputTokens: 0,
        outputTokens: 90,
        ms: expect.any(Number),
        ok: true,
      },
    ]);
    // Routing 120/20, Creative's consult 150/10 and reply 200/80, Producing's two legs: each counted once.
    expect(resumed.turn.usage).toMatchObject({ inputTokens: 820, outputTokens: 200 });
    expect(resumed.turn.agentUsage.map((u) => [u.agent, u.inputTokens, u.outputTokens])).toEqual([
      ['Orchestrator', 120, 20],
      ['Creative', 350, 90],
      ['Producing', 350, 90],
    ]);

    expect((await rejection(a.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' }))).code).toBe(
      'CONFLICT',
    );
    expect(runs(before)).toHaveLength(1);
  });

  it('tells the consulted expert a rejected call did not run; it answers without it, and so does the owner', async () => {
    const before = runs().length;
    const h = harness(instances.a);
    const { paused, approvalId } = await pausedConsult(h);
    h.script(reply('I could not create the code: the owner said no.'), reply('Spring is here! (No code this time.)'));
    const answered = await h.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'reject' });

    expect(runs(before)).toEqual([]);
    const [producingAfter, creativeAfter] = h.model.calls.slice(-2);
    expect(lastToolResult(producingAfter!)).toBe(REJECTED_CALL);
    expect(lastToolResult(creativeAfter!)).toBe('I could not create the code: the owner said no.');
    expect(answered.reply?.content).toBe('Spring is here! (No code this time.)');
    expect(answered.turn.tools).toEqual([
      { agent: 'Creative', name: 'consult_producing', ms: expect.any(Number), ok: true },
      // A call that never ran still names the server it was meant for, as the owner's own do.
      { agent: 'Producing', name: 'shop__create_discount', server: 'shop', ms: expect.any(Number), ok: false, approved: false },
    ]);
    expect(answered.turn.consults).toEqual([expect.objectContaining({ agent: 'Producing', ok: true })]);
    expect(answered.turn.consults[0]).not.toHaveProperty('paused');
  });

  it("lets only one of two approvals made at once resume the consult, so the consulted expert's call runs once", async () => {
    const before = runs().length;
    const a = harness(instances.a);
    const b = harness(instances.b);
    const { paused, approvalId } = await pausedConsult(a);
    for (const h of [a, b]) h.script(reply('Created SPRING10.'), reply('Use SPRING10.'));
    const decision = { turnId: paused.turn.id, approvalId, decision: 'approve' as const };
    const outcomes = await Promise.allSettled([a.api.chat.approve(decision), b.api.chat.approve(decision)]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason).toMatchObject({
      code: 'CONFLICT',
    });
    expect(runs(before)).toHaveLength(1);
    expect((await findTurn(instances.a.database.db, paused.turn.id))?.status).toBe('completed');
  });

  it('pauses again when the consulted expert asks for a second write after the first yes, and keeps one consult', async () => {
    const before = runs().length;
    const h = harness(instances.a);
    const { paused, approvalId } = await pausedConsult(h);
    h.script(callTool('shop__create_discount', { code: 'SPRING20', percent: 20 }));
    const again = await h.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' });

    expect(runs(before)).toEqual([JSON.stringify(CODE)]);
    expect(again.turn.status).toBe('awaiting_approval');
    expect(again.turn.approvals).toEqual([
      expect.objectContaining({ agent: 'Producing', consultedBy: 'Creative', arguments: { code: 'SPRING20', percent: 20 } }),
    ]);
    expect(again.turn.consults).toEqual([expect.objectContaining({ inputTokens: 300, outputTokens: 20, paused: true })]);

    h.script(reply('Created SPRING10 and SPRING20.'), reply('Two codes: SPRING10 and SPRING20.'));
    const done = await h.api.chat.approve({
      turnId: paused.turn.id,
      approvalId: again.turn.approvals![0]!.id,
      decision: 'approve',
    });
    h.model.assertComplete();
    expect(done.reply?.content).toBe('Two codes: SPRING10 and SPRING20.');
    expect(runs(before)).toEqual([JSON.stringify(CODE), JSON.stringify({ code: 'SPRING20', percent: 20 })]);
    expect(done.turn.tools.map((t) => [t.agent, t.name, t.approved])).toEqual([
      ['Producing', 'shop__create_discount', true],
      ['Creative', 'consult_producing', undefined],
      ['Producing', 'shop__create_discount', true],
    ]);
    expect(done.turn.consults).toEqual([expect.objectContaining({ ok: true, inputTokens: 500, outputTokens: 100 })]);
    expect(done.turn.consults[0]).not.toHaveProperty('paused');
  });

  if (kind === 'pglite') {
    it('resumes a paused consult after the app restarted in between, from the stored state alone', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-consulted-restart-'));
      const before = runs().length;
      try {
        const first = await openDatabase({ kind: 'pglite', dataDir });
        await migrate(first);
        const { paused, approvalId } = await pausedConsult(harness({ database: first, lock: new LocalLock() }));
        await first.close();

        const second = await openDatabase({ kind: 'pglite', dataDir });
        try {
          await migrate(second);
          const after = harness({ database: second, lock: new LocalLock() });
          after.script(reply('Created SPRING10.'), reply('Use SPRING10 for 10% off.'));
          const resumed = await after.api.chat.approve({ turnId: paused.turn.id, approvalId, decision: 'approve' });
          expect(resumed.turn.status).toBe('completed');
          expect(resumed.reply?.content).toBe('Use SPRING10 for 10% off.');
          expect(runs(before)).toEqual([JSON.stringify(CODE)]);
          expect(resumed.turn.consults).toEqual([expect.objectContaining({ ok: true, inputTokens: 350, outputTokens: 90 })]);
        } finally {
          await second.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
}

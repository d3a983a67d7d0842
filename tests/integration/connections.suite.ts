// The owner's tools over MCP, on either driver, against a real MCP server of the tests' own (the
// official @modelcontextprotocol/server) over stdio and over Streamable HTTP: reads run, writes
// ask and run once when approved (on another instance, with its own server process), rejects do
// not run, and a hanging, flooding, hostile or crashing server never breaks the turn.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordedModelCall } from '@openai/agents/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServerSpec } from '../../server/connections/config-file.ts';
import { Connections } from '../../server/connections/connections.ts';
import type { Limits } from '../../server/connections/server-link.ts';
import type { JsonExport } from '../../server/export/export-conversation.ts';
import type { ExpertName } from '../../shared/roster.ts';
import { chatHarness, rejection } from '../support/chat-harness.ts';
import { type Served, serveShop, serveSilence } from '../support/mcp/shop-http.ts';
import { HOSTILE_DESCRIPTION, ORDERS } from '../support/mcp/shop-server.ts';
import { callTool, reply, routeTo } from '../support/scripted-runtime.ts';
import type { DriverKind } from '../support/test-db.ts';
import { type Instance, twoInstances } from '../support/two-instances.ts';

const SHOP_STDIO = fileURLToPath(new URL('../support/mcp/shop-stdio.ts', import.meta.url));
const LIMITS: Limits = { connectMs: 3_000, callMs: 1_500, outputChars: 20_000 };
const SECRET = 'sk-shop-7f3a9c1d2e';
const SHOPKEEPERS: ExpertName[] = ['Producing', 'Strategic'];

const approval = { ask: [], never: [] };

/** The last tool result a model call received. */
function lastToolResult(call: RecordedModelCall): string {
  const items = call.request.input as { type?: string; output?: unknown }[];
  const output = items.filter((item) => item.type === 'function_call_result').at(-1)?.output as string | { text?: string };
  return typeof output === 'string' ? output : (output?.text ?? '');
}

const toolNames = (call: RecordedModelCall) => call.request.tools.map((t) => t.name);

export function connectionsSuite(kind: DriverKind) {
  let instances: { a: Instance; b: Instance; close(): Promise<void> };
  let folder: string;
  let http: Served;
  let silence: Served;
  const registries: Connections[] = [];
  beforeAll(async () => {
    instances = await twoInstances(kind);
    folder = mkdtempSync(join(tmpdir(), 'switchboard-shop-'));
    http = await serveShop(join(folder, 'http.log'));
    silence = await serveSilence();
  });
  afterAll(async () => {
    await Promise.all(registries.map((r) => r.close()));
    await http.close();
    await silence.close();
    await instances.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const logOf = (name: string) => {
    try {
      return readFileSync(join(folder, name), 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };

  function stdioShop(log: string, experts = SHOPKEEPERS): ServerSpec {
    return {
      name: 'shop',
      transport: 'stdio',
      command: process.execPath,
      args: [SHOP_STDIO],
      env: { SHOP_LOG: join(folder, log), SHOP_TOKEN: SECRET },
      cwd: folder,
      experts,
      approval,
    };
  }

  function harness(instance: Instance, servers: ServerSpec[], limits = LIMITS) {
    const registry = new Connections(instance.database.db, { servers, broken: [], problem: null }, limits);
    registries.push(registry);
    return chatHarness(instance.database, { lock: instance.lock, registry });
  }

  it('answers from a read tool at once, and never offers the shop to an expert it was not given to', async () => {
    const h = harness(instances.a, [stdioShop('read.log')]);
    h.script(
      routeTo(h.team, 'Producing', 'Orders are operations.'),
      callTool('shop__list_orders', {}),
      reply('Two orders: Mia and Jonas.'),
    );
    const { turn, reply: answer, conversationId } = await h.api.chat.send({ message: 'Which orders came in this week?' });

    expect(turn.status).toBe('completed');
    expect(answer?.content).toBe('Two orders: Mia and Jonas.');
    expect(turn.approvals).toBeUndefined();
    expect(turn.tools).toEqual([
      { agent: 'Producing', name: 'shop__list_orders', server: 'shop', ms: expect.any(Number), ok: true },
    ]);
    const result = lastToolResult(h.model.calls.at(-1)!);
    expect(result).toContain(JSON.stringify(ORDERS));
    expect(result).toContain('not instructions');
    const usage = await h.api.stats.agentUsage({ conversationId });
    expect(usage.map((u) => [u.agent, u.mcpCalls, u.callsApproved, u.callsRejected])).toEqual([
      ['Orchestrator', 0, 0, 0],
      ['Producing', 1, 0, 0],
    ]);

    h.script(routeTo(h.team, 'Creative', 'A name.'), reply('Call it Lumen.'));
    await h.api.chat.send({ message: 'Name my shop' });
    const creativeCall = h.model.calls.at(-1)!;
    expect(toolNames(creativeCall).some((name) => name.startsWith('shop__'))).toBe(false);
    expect(toolNames(h.model.calls[1]!)).toContain('shop__create_discount');
  });

  it('asks before a write, and runs it exactly once when approved on another instance with its own server process', async () => {
    const a = harness(instances.a, [stdioShop('write.log')]);
    a.script(routeTo(a.team, 'Producing', 'Shop admin.'), callTool('shop__create_discount', { code: 'SPRING10', percent: 10 }));
    const paused = await a.api.chat.send({ message: 'Create a 10% spring discount code' });

    expect(paused.reply).toBeNull();
    expect(paused.turn.approvals).toEqual([
      expect.objectContaining({
        agent: 'Producing',
        server: 'shop',
        tool: 'create_discount',
        arguments: { code: 'SPRING10', percent: 10 },
      }),
    ]);
    expect(logOf('write.log')).toEqual([]);

    const b = harness(instances.b, [stdioShop('write.log')]);
    b.script(reply('Done: SPRING10 takes 10% off.'));
    const decision = { turnId: paused.turn.id, approvalId: paused.turn.approvals![0]!.id, decision: 'approve' as const };
    const resumed = await b.api.chat.approve(decision);

    expect(resumed.reply?.content).toBe('Done: SPRING10 takes 10% off.');
    expect(logOf('write.log')).toEqual([JSON.stringify({ code: 'SPRING10', percent: 10 })]);
    expect(lastToolResult(b.model.calls.at(-1)!)).toContain('Created SPRING10: 10% off.');
    expect(resumed.turn.tools).toEqual([
      { agent: 'Producing', name: 'shop__create_discount', server: 'shop', ms: expect.any(Number), ok: true, approved: true },
    ]);
    expect((await rejection(a.api.chat.approve(decision))).code).toBe('CONFLICT');
    expect(logOf('write.log')).toHaveLength(1);
    const [producing] = (await b.api.stats.agentUsage({ conversationId: paused.conversationId })).filter(
      (u) => u.agent === 'Producing',
    );
    expect(producing).toMatchObject({ mcpCalls: 1, callsApproved: 1, callsRejected: 0 });

    // The exports carry the call as the routing record has it: its server and the owner's yes.
    const exported = await b.api.conversations.export({ conversationId: paused.conversationId, format: 'json' });
    expect((JSON.parse(exported.content) as JsonExport).turns[0]!.tools).toEqual(resumed.turn.tools);
    const markdown = await b.api.conversations.export({ conversationId: paused.conversationId, format: 'markdown' });
    expect(markdown.content).toMatch(
      /- \*\*Tools:\*\* shop__create_discount on shop by Producing, .*, ok, approved by the owner/,
    );
  });

  it('does not run a rejected write over Streamable HTTP, and keeps an "always allow" per business until revoked', async () => {
    const remote: ServerSpec = { name: 'web', transport: 'http', url: http.url, headers: {}, experts: ['Producing'], approval };
    const h = harness(instances.a, [remote]);
    const ask = () =>
      h.script(routeTo(h.team, 'Producing', 'Shop admin.'), callTool('web__create_discount', { code: 'NOPE', percent: 50 }));

    ask();
    const first = await h.api.chat.send({ message: 'Create a 50% code' });
    h.script(reply('I did not create it.'));
    const rejected = await h.api.chat.approve({
      turnId: first.turn.id,
      approvalId: first.turn.approvals![0]!.id,
      decision: 'reject',
    });
    expect(rejected.reply?.content).toBe('I did not create it.');
    expect(logOf('http.log')).toEqual([]);
    const usage = await h.api.stats.agentUsage({ conversationId: first.conversationId });
    expect(usage.find((u) => u.agent === 'Producing')).toMatchObject({ mcpCalls: 1, callsApproved: 0, callsRejected: 1 });

    ask();
    const second = await h.api.chat.send({ message: 'Create a 50% code after all' });
    h.script(reply('Created.'));
    await h.api.chat.approve({
      turnId: second.turn.id,
      approvalId: second.turn.approvals![0]!.id,
      decision: 'approve',
      always: true,
    });
    expect(logOf('http.log')).toHaveLength(1);

    ask();
    h.script(reply('Created again, no question asked.'));
    const third = await h.api.chat.send({ message: 'And another' });
    expect(third.turn.status).toBe('completed');
    expect(logOf('http.log')).toHaveLength(2);

    const [listed] = await h.api.connections.list({});
    expect(listed!.tools.find((t) => t.name === 'create_discount')).toMatchObject({
      readOnly: false,
      approval: 'allow',
      alwaysAllowed: true,
    });
    const revoked = await h.api.connections.update({ connectionId: listed!.id, revoke: ['create_discount'] });
    expect(revoked.tools.find((t) => t.name === 'create_discount')).toMatchObject({ approval: 'ask', alwaysAllowed: false });
    ask();
    expect((await h.api.chat.send({ message: 'One more' })).turn.status).toBe('awaiting_approval');
  });

  it('resumes an approved call whose server went down meanwhile: the expert hears it did not run, the turn completes', async () => {
    const own = await serveShop(join(folder, 'gone.log'));
    const remote: ServerSpec = { name: 'web', transport: 'http', url: own.url, headers: {}, experts: ['Producing'], approval };
    const a = harness(instances.a, [remote]);
    a.script(routeTo(a.team, 'Producing', 'Shop admin.'), callTool('web__create_discount', { code: 'GONE', percent: 5 }));
    const paused = await a.api.chat.send({ message: 'Create a 5% code' });
    await own.close();

    const b = harness(instances.b, [remote]);
    b.script(reply('The shop could not be reached, so no code was created.'));
    const resumed = await b.api.chat.approve({
      turnId: paused.turn.id,
      approvalId: paused.turn.approvals![0]!.id,
      decision: 'approve',
    });
    expect(resumed.turn.status).toBe('completed');
    expect(resumed.reply?.content).toBe('The shop could not be reached, so no code was created.');
    expect(lastToolResult(b.model.calls.at(-1)!)).toMatch(/web cannot be reached: .*the call did not run/);
    expect(resumed.turn.tools).toEqual([
      { agent: 'Producing', name: 'web__create_discount', server: 'web', ms: expect.any(Number), ok: false, approved: true },
    ]);
    expect(logOf('gone.log')).toEqual([]);
  });

  it('answers within the bound when a remote server never answers, tells the expert, and marks the connection in error', async () => {
    const hanging: ServerSpec = {
      name: 'calendar',
      transport: 'http',
      url: silence.url,
      headers: {},
      experts: ['Producing'],
      approval,
    };
    const h = harness(instances.a, [hanging, stdioShop('mixed.log')]);
    h.script(routeTo(h.team, 'Producing', 'Schedule.'), reply('The calendar is not reachable right now.'));
    const startedAt = Date.now();
    const { turn } = await h.api.chat.send({ message: 'What is on my calendar tomorrow?' });

    expect(turn.status).toBe('completed');
    expect(Date.now() - startedAt).toBeLessThan(LIMITS.connectMs * 2 + 5_000);
    const expertCall = h.model.calls.at(-1)!;
    expect(expertCall.request.systemInstructions).toContain('"calendar" connection is unavailable this turn');
    expect(toolNames(expertCall)).toContain('shop__list_orders');
    expect(toolNames(expertCall).some((name) => name.startsWith('calendar__'))).toBe(false);
    const listed = await h.api.connections.list({});
    expect(listed.find((c) => c.name === 'calendar')).toMatchObject({
      status: 'error',
      error: expect.stringContaining('calendar'),
    });
  });

  // 10 MB goes over HTTP: over stdio the MCP client's own 10 MB message limit refuses it first (a failed call).
  it('survives a call that hangs, 10 MB of output, a crash mid-call and a description that gives orders', async () => {
    // Room for 10 MB to cross a pipe on a busy machine; the hang still ends at the bound.
    const remote: ServerSpec = { name: 'web', transport: 'http', url: http.url, headers: {}, experts: ['Producing'], approval };
    const h = harness(instances.a, [stdioShop('hostile.log'), remote], { ...LIMITS, callMs: 8_000 });
    h.script(
      routeTo(h.team, 'Producing', 'Reports.'),
      callTool('shop__slow_report', {}),
      callTool('web__full_export', {}),
      callTool('shop__flaky_sync', {}),
      callTool('shop__store_notice', {}),
      callTool('shop__list_orders', {}),
      reply('Here is what I could get.'),
    );
    const { turn } = await h.api.chat.send({ message: 'Give me every report you can' });

    expect(turn.status).toBe('completed');
    expect(turn.tools.map((t) => [t.name, t.ok])).toEqual([
      ['shop__slow_report', false],
      ['web__full_export', true],
      ['shop__flaky_sync', false],
      ['shop__store_notice', true],
      ['shop__list_orders', true],
    ]);
    const calls = h.model.calls;
    expect(lastToolResult(calls[2]!)).toMatch(/slow_report on shop failed \(.*longer than/);
    const flood = lastToolResult(calls[3]!);
    expect(flood.length).toBeLessThan(LIMITS.outputChars + 500);
    expect(flood).toContain('Output cut: the tool returned 10485760 characters');
    expect(lastToolResult(calls[4]!)).toContain('flaky_sync on shop failed');
    // After the crash the server is started again for the next call.
    expect(lastToolResult(calls[6]!)).toContain(JSON.stringify(ORDERS));
    for (const call of calls) expect(call.request.systemInstructions ?? '').not.toContain(HOSTILE_DESCRIPTION);
    expect(calls[1]!.request.tools.find((t) => t.name === 'shop__store_notice')).toMatchObject({
      description: HOSTILE_DESCRIPTION,
    });
    // A tool's words reach the profile only through `remember`, which nobody called.
    expect((await h.api.profile.get({})).facts).toEqual([]);
  });

  it('keeps secrets out of connections.list, refuses commands and config removals, and stores an unreachable server', async () => {
    const h = harness(instances.a, [stdioShop('secrets.log')]);
    const added = await h.api.connections.add({
      name: 'crm',
      url: `${http.url}?token=${SECRET}`,
      headers: { Authorization: `Bearer ${SECRET}` },
      experts: ['Media'],
    });
    expect(added).toMatchObject({ source: 'api', transport: 'http', status: 'ok', headerNames: ['Authorization'] });
    expect(http.requests.at(-1)!.headers.authorization).toBe(`Bearer ${SECRET}`);
    const listed = await h.api.connections.list({});
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(listed.find((c) => c.name === 'shop')).toMatchObject({ source: 'config', envNames: ['SHOP_LOG', 'SHOP_TOKEN'] });

    const command = await rejection(h.api.connections.add({ name: 'evil', url: http.url, experts: [], command: 'rm' } as never));
    expect(command).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('SWITCHBOARD_MCP_CONFIG') });
    expect((await rejection(h.api.connections.remove({ connectionId: 'config:shop' }))).code).toBe('BAD_REQUEST');
    expect((await rejection(h.api.connections.add({ name: 'shop', url: http.url, experts: [] }))).code).toBe('CONFLICT');

    const unreachable = await h.api.connections.add({ name: 'later', url: silence.url, experts: ['Media'] });
    expect(unreachable).toMatchObject({ status: 'error', error: expect.any(String) });
    expect((await h.api.connections.remove({ connectionId: unreachable.id })).connectionId).toBe(unreachable.id);
    expect((await h.api.connections.list({})).some((c) => c.name === 'later')).toBe(false);
  });
}

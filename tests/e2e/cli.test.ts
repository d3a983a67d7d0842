// The `switchboard` CLI against a live, token-protected server (fake OpenAI-compatible model).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCases } from '../../scripts/eval/cases.ts';
import { buildTeam } from '../../server/agents/team.ts';
import type { JsonExport } from '../../server/export/export-conversation.ts';
import type { HistoryDto } from '../../server/routers/load-history.ts';
import { type Play, playCases, runEvalCli } from '../support/eval-cli.ts';
import {
  type ChatRequest,
  type FakeOpenAI,
  messageTexts,
  plannedTurns,
  startFakeOpenAI,
  toolTurn,
} from '../support/fake-openai.ts';
import { mutate, query } from '../support/http-api.ts';
import { runCli } from '../support/run-cli.ts';
import { NO_TOOLS } from '../support/scripted-runtime.ts';
import { type ServerProcess, startServer } from '../support/server-process.ts';

const TOKEN = 'cli-test-token-123';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('the switchboard CLI', () => {
  let fake: FakeOpenAI;
  let server: ServerProcess;
  let dir: string;
  let env: Record<string, string>;
  let conversationId: string;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    dir = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
    server = await startServer({
      OPENAI_BASE_URL: fake.url,
      SWITCHBOARD_MODEL: 'gpt-4o-mini',
      // The fake stands in for OpenAI: the user says its prices are OpenAI's, so costs show.
      SWITCHBOARD_PRICES: 'openai',
      SWITCHBOARD_DATA_DIR: join(dir, 'data'),
      SWITCHBOARD_TOKEN: TOKEN,
    });
    env = { SWITCHBOARD_URL: server.url, SWITCHBOARD_TOKEN: TOKEN };
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains itself with --help', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of [
      'send',
      'retry',
      'history',
      'list',
      'rename',
      'delete',
      'flags',
      'export',
      'SWITCHBOARD_URL',
      'SWITCHBOARD_TOKEN',
    ]) {
      expect(run.stdout).toContain(command);
    }
  });

  it('sends a message: the reply on stdout, the agent and routing record on stderr', async () => {
    fake.setResponder(
      plannedTurns([{ route: 'Creative', reason: 'The user wants a brand name.', reply: 'I suggest Lumen & Wick.' }]),
    );
    const run = await runCli(['send', 'A brand name for my eco candles?'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('I suggest Lumen & Wick.\n');
    expect(run.stderr).toContain('→ Creative (The user wants a brand name.)');
    expect(run.stderr).toMatch(/path\s+Orchestrator → Creative/);
    expect(run.stderr).toMatch(/model\s+gpt-4o-mini/);
    expect(run.stderr).toMatch(/cost\s+\$0\.\d+ \(estimate/);
    conversationId = run.stderr.match(new RegExp(`conversation (${UUID.source})`))![1]!;
  });

  it('continues a conversation with --conversation, reading the message from stdin', async () => {
    fake.setResponder(plannedTurns([{ route: 'Media', reply: 'Post three reels a week.' }]));
    const run = await runCli(['send', '--conversation', conversationId, '-'], env, 'How do I grow on Instagram?\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Post three reels a week.\n');
    expect(run.stderr).toContain('→ Media');
    expect(run.stderr).toContain(`conversation ${conversationId}`);
  });

  it('lists conversations by agent', async () => {
    const media = await runCli(['list', '--agent', 'Media'], env);
    expect(media.code).toBe(0);
    expect(media.stdout).toContain(conversationId);
    expect(media.stdout).toContain('A brand name for my eco candles?');
    const strategic = await runCli(['list', '--agent', 'Strategic'], env);
    expect(strategic).toMatchObject({ code: 0, stdout: '' });
    expect(strategic.stderr).toContain('No conversations found.');
    const wrong = await runCli(['list', '--agent', 'Nobody'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('agent: must be one of');
  });

  it('shows a conversation’s history with who answered and how it was routed', async () => {
    const run = await runCli(['history', conversationId], env);
    expect(run.code).toBe(0);
    const order = [
      'A brand name for my eco candles?',
      'Creative ·',
      'I suggest Lumen & Wick.',
      'Orchestrator → Creative',
      'How do I grow',
      'Media ·',
      'Post three reels',
    ];
    const positions = order.map((text) => run.stdout.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('finds a conversation by a stemmed word or all words in any order, showing why it matched', async () => {
    const stemmed = await runCli(['list', '--query', 'candle'], env);
    expect(stemmed.code).toBe(0);
    expect(stemmed.stdout).toContain(conversationId);
    expect(stemmed.stdout).toContain('    A brand name for my eco **candles**?');
    const words = await runCli(['list', '-q', 'instagram grow'], env);
    expect(words.stdout).toContain('How do I **grow** on **Instagram**?');
    const none = await runCli(['list', '--query', 'candle pottery'], env);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('saves replies flagged "wrong expert" as eval cases that npm run eval runs', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const before = await runCli(['flags'], env);
    expect(before).toMatchObject({ code: 0, stdout: '' });
    expect(before.stderr).toContain('No flagged turns yet');

    const history = await query<HistoryDto>(server.url, 'chat.history', { conversationId }, auth);
    const mediaTurn = history.data!.turns.find((t) => t.agents.includes('Media'))!;
    const flagged = await mutate(server.url, 'chat.flagRouting', { turnId: mediaTurn.id, expected: 'Strategic' }, auth);
    expect(flagged.status).toBe(200);

    const casesFile = join(dir, 'flag-cases.json');
    const saved = await runCli(['flags', '--out', casesFile], env);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain(`Wrote 1 case to ${casesFile}; run them with: npm run eval -- --cases ${casesFile}`);
    const cases = await loadCases(casesFile);
    expect(cases).toEqual([
      expect.objectContaining({
        id: `flag-${mediaTurn.id}`,
        history: [
          { role: 'user', content: 'A brand name for my eco candles?' },
          { role: 'assistant', content: 'I suggest Lumen & Wick.' },
        ],
        message: 'How do I grow on Instagram?',
        expected: ['Strategic'],
      }),
    ]);

    // The eval's "model" repeats the mistake only when it sees the conversation the case carries.
    const team = buildTeam(NO_TOOLS);
    const heardName = (request: ChatRequest) => messageTexts(request).includes('I suggest Lumen & Wick.');
    fake.setResponder(
      playCases(
        team,
        new Map([
          [
            'How do I grow on Instagram?',
            (r: ChatRequest): Play => (heardName(r) ? { route: 'Media', reason: 'Instagram.' } : { answer: 'no history' }),
          ],
        ]),
      ),
    );
    const report = join(dir, 'flag-report.json');
    const run = await runEvalCli(['--cases', casesFile, '--out', report], {
      env: { OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'gpt-4o-mini' },
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`flag-${mediaTurn.id} [followup] expected Strategic, chose Media`);
  });

  it('exports JSON to a file and Markdown to stdout', async () => {
    const out = join(dir, 'export.json');
    const json = await runCli(['export', conversationId, '--format', 'json', '--out', out], env);
    expect(json.code).toBe(0);
    expect(json.stderr).toContain(`Wrote ${out}`);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as JsonExport;
    const history = await query(server.url, 'chat.history', { conversationId }, { authorization: `Bearer ${TOKEN}` });
    expect({ conversation: exported.conversation, messages: exported.messages, turns: exported.turns }).toEqual(history.data);

    const md = await runCli(['export', conversationId], env);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# A brand name for my eco candles\?\n/);
    expect(md.stdout).toContain('**Media:**\n\nPost three reels a week.');
  });

  it('lists businesses and keeps a profile: add, list, forget', async () => {
    const listed = await runCli(['businesses'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${UUID.source}  My business  \\(default\\)\n$`));
    const added = await runCli(['profile', 'add', 'We', 'ship', 'from', 'Leipzig.'], env);
    expect(added.code).toBe(0);
    const factId = added.stdout.match(UUID)![0];
    expect((await runCli(['profile'], env)).stdout).toContain(`${factId}  We ship from Leipzig.  (you,`);
    const forgotten = await runCli(['profile', 'forget', factId], env);
    expect(forgotten.code).toBe(0);
    const after = await runCli(['profile'], env);
    expect(after.stdout).toBe('');
    expect(after.stderr).toContain('No facts yet');
    expect((await runCli(['profile', 'forget', factId], env)).code).toBe(1);
    expect((await runCli(['profile', 'add'], env)).code).toBe(2);
  });

  it('shows a model’s change to the owner’s fact as waiting; dismiss keeps it, accept applies it, history has both', async () => {
    const owner = await runCli(['profile', 'add', 'We ship only in the EU.'], env);
    const factId = owner.stdout.match(UUID)![0];
    const proposeWorldwide = () =>
      fake.setResponder(
        toolTurn('Producing', 'remember', { fact: 'We ship worldwide.', replaces: factId.slice(0, 8) }, () => 'Noted.'),
      );
    proposeWorldwide();
    expect((await runCli(['send', 'We ship worldwide now'], env)).code).toBe(0);
    const listed = (await runCli(['profile'], env)).stdout;
    expect(listed).toContain(`${factId}  We ship only in the EU.  (you,`);
    expect(listed).toContain('Waiting for you');
    const waiting = (out: string) => out.split('\n').filter((line) => line.includes('→ "We ship worldwide."'));
    expect(waiting(listed)).toEqual([
      expect.stringMatching(/^\S{36} {2}"We ship only in the EU\." → "We ship worldwide\." {2}\(Producing in /),
    ]);
    const first = waiting(listed)[0]!.slice(0, 36);

    const dismissed = await runCli(['profile', 'dismiss', first], env);
    expect(dismissed).toMatchObject({ code: 0, stderr: expect.stringContaining('the fact keeps its text') });
    expect((await runCli(['profile'], env)).stdout).not.toContain('Waiting for you');
    const again = await runCli(['profile', 'accept', first], env);
    expect(again.code).toBe(1);
    expect(again.stderr).not.toMatch(/at .*\.ts|SELECT/);

    proposeWorldwide();
    await runCli(['send', 'We ship worldwide now'], env);
    const second = waiting((await runCli(['profile'], env)).stdout)[0]!.slice(0, 36);
    expect((await runCli(['profile', 'accept', second], env)).stdout).toBe(`${factId}  We ship worldwide.\n`);
    const history = (await runCli(['profile', 'history', factId], env)).stdout.split('\n');
    expect(history[0]).toMatch(/^now +We ship worldwide\. {2}\(Producing in /);
    expect(history[1]).toMatch(/ We ship only in the EU\. {2}\(you\)$/);
    await runCli(['profile', 'forget', factId], env);
  });

  it('reports a failed turn with its id, and retry completes it', async () => {
    fake.setResponder(() => ({ status: 503, message: 'overloaded' }));
    const failed = await runCli(['send', '-c', conversationId, 'Plan my launch'], env);
    expect(failed.code).toBe(1);
    const turnId = failed.stderr.match(new RegExp(`switchboard retry (${UUID.source})`))![1]!;
    // Days later, from the history alone: the failed turn's id and how to retry it.
    const shown = await runCli(['history', conversationId], env);
    expect(shown.stdout).toContain(`turn         ${turnId} (retry: switchboard retry ${turnId})`);
    fake.setResponder(plannedTurns([{ route: 'Producing', reply: 'Week one: order wax.' }]));
    const retried = await runCli(['retry', turnId], env);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toBe('Week one: order wax.\n');
  });

  it('renames and deletes a conversation; a failed last turn is marked in the list', async () => {
    fake.setResponder(() => ({ status: 503, message: 'overloaded' }));
    expect((await runCli(['send', 'Plan my launch week'], env)).code).toBe(1);
    const listed = await runCli(['list'], env);
    const line = listed.stdout.split('\n').find((row) => row.includes('Plan my launch week'))!;
    expect(line).toContain('(last turn failed)');
    const doomed = line.match(UUID)![0];

    const renamed = await runCli(['rename', conversationId, 'Candle', 'brand'], env);
    expect(renamed).toMatchObject({ code: 0, stdout: `${conversationId}  Candle brand\n` });
    expect((await runCli(['list'], env)).stdout).toMatch(new RegExp(`${conversationId}.*Candle brand`));
    expect((await runCli(['rename', conversationId], env)).code).toBe(2);

    const deleted = await runCli(['delete', doomed], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain(`Deleted conversation ${doomed}`);
    expect((await runCli(['list'], env)).stdout).not.toContain(doomed);
    const again = await runCli(['delete', doomed], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No conversation has this id.');
  });

  it('lists every turn id in the history, and stops quietly when its reader closes the pipe', async () => {
    const shown = await runCli(['history', conversationId], env);
    const ids = [...shown.stdout.matchAll(new RegExp(`^ {4}turn {9}(${UUID.source})`, 'gm'))].map((m) => m[1]);
    const history = await query<{ turns: { id: string }[] }>(
      server.url,
      'chat.history',
      { conversationId },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(ids).toEqual(history.data!.turns.map((t) => t.id));
    // `switchboard history <id> | head`, with a reader gone before the first line is written.
    const closed = await runCli(['history', conversationId], env, undefined, 'reader-gone');
    expect(closed).toMatchObject({ code: 0, stderr: '' });
  });

  it('needs the token on a protected server, for queries and for streaming', async () => {
    const bare = { SWITCHBOARD_URL: server.url };
    for (const args of [['list'], ['send', 'hello']]) {
      const run = await runCli(args, bare);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('needs an access token: set SWITCHBOARD_TOKEN');
    }
    const wrong = await runCli(['list'], { ...bare, SWITCHBOARD_TOKEN: 'not-the-token' });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('refused the token');
  });

  it('uploads, lists and deletes files; a refused upload says why', async () => {
    const csv = join(dir, 'suppliers.csv');
    writeFileSync(csv, 'item,supplier\nsoy wax,Hive & Co\n');
    const uploaded = await runCli(['files', 'upload', csv], env);
    expect(uploaded).toMatchObject({ code: 0 });
    const [fileId] = uploaded.stdout.match(UUID)!;
    expect(uploaded.stdout).toContain('suppliers.csv');
    expect(uploaded.stderr).toContain('Stored suppliers.csv');
    const listed = await runCli(['files'], env);
    expect(listed.stdout).toMatch(new RegExp(`${fileId}\\s+upload\\s+\\d+ B\\s+suppliers.csv`));
    const program = join(dir, 'setup.exe');
    writeFileSync(program, Buffer.from('MZ\x90\x00'));
    const refused = await runCli(['files', 'upload', program], env);
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toContain('is a program, not a document');
    expect((await runCli(['files', 'upload', program], { SWITCHBOARD_URL: server.url })).code).toBe(4);
    expect((await runCli(['files', 'delete', fileId!], env)).stderr).toContain(`Deleted file ${fileId}`);
    expect((await runCli(['files', 'list'], env)).stderr).toContain('No files yet');
    expect((await runCli(['files', 'upload'], env)).code).toBe(2);
  });

  it('says so when the conversation is unknown, the usage is wrong or the server is down', async () => {
    const unknown = await runCli(['history', '00000000-0000-4000-8000-000000000000'], env);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('No conversation has this id.');
    const usage = await runCli(['export', conversationId, '--format', 'pdf'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format must be json or markdown');
    const nowhere = await runCli(['export', conversationId, '--out', join(dir, 'missing', 'x.md')], env);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('its folder does not exist');
    const down = { SWITCHBOARD_URL: `http://127.0.0.1:${await closedPort()}`, SWITCHBOARD_TOKEN: TOKEN };
    for (const args of [['list'], ['send', 'hello']]) {
      const run = await runCli(args, down);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('Cannot reach Switchboard at http://127.0.0.1:');
    }
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

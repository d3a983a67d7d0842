// The routing eval in process: one case through the real Orchestrator on the SDK's Chat Completions
// path (fake OpenAI server), and the command's exit codes and errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RoutingCase } from '../../scripts/eval/cases.ts';
import { EXIT, runEvalCommand } from '../../scripts/eval/eval-command.ts';
import type { EvalReport } from '../../scripts/eval/report.ts';
import { type CaseRouter, createCaseRouter } from '../../scripts/eval/route-case.ts';
import { modelConfigFromEnv } from '../../server/agents/model.ts';
import { createAgentRuntime } from '../../server/agents/runtime.ts';
import { buildTeam } from '../../server/agents/team.ts';
import { type Env, parseEnv } from '../../server/env.ts';
import { lastUserText, type Play, playCases } from '../support/eval-cli.ts';
import { type ChatRequest, type FakeOpenAI, type FakeReply, startFakeOpenAI } from '../support/fake-openai.ts';
import { type FakeSearxng, startFakeSearxng } from '../support/fake-searxng.ts';
import { NO_TOOLS, transferToolName } from '../support/scripted-runtime.ts';

const team = buildTeam(NO_TOOLS);

const configuredEnv = (fake: FakeOpenAI): Env => {
  const parsed = parseEnv({ OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-router' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.env;
};

describe('routing one case', () => {
  let fake: FakeOpenAI;
  let route: CaseRouter;
  let searx: FakeSearxng;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    const model = modelConfigFromEnv(configuredEnv(fake), { warn: () => {}, error: () => {} });
    if (!model.configured) throw new Error('the fake server should configure a model');
    // The Orchestrator's web search, through SearXNG's API.
    searx = await startFakeSearxng([{ title: 'Kajabi', url: 'https://kajabi.test', content: 'Kajabi is a course platform.' }]);
    const tools = { api: model.api, searxngUrl: searx.url };
    const runtime = createAgentRuntime({ provider: model.provider, modelName: model.name, tools });
    route = createCaseRouter(runtime.team, runtime.runner!, 10);
  });
  afterAll(async () => {
    await fake?.close();
    await searx?.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    searx.queries.length = 0;
  });

  const followup: RoutingCase = {
    id: 'tiktok',
    history: [
      { role: 'user', content: 'Make me an Instagram calendar for April.' },
      { role: 'assistant', content: 'Four posts a week.' },
    ],
    message: 'And for TikTok?',
    expected: ['Media'],
    kind: 'followup',
  };

  it('sends the history as user/assistant texts, reads the handoff and stops before the expert', async () => {
    fake.setResponder(() => ({
      toolCalls: [{ name: transferToolName(team, 'Media'), arguments: { reason: 'The same calendar for TikTok.' } }],
    }));
    const outcome = await route(followup);
    expect(outcome).toMatchObject({ chosen: 'Media', reason: 'The same calendar for TikTok.', error: null });
    expect(outcome.inputTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!.messages.filter((m) => m.role !== 'system');
    expect(sent.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(lastUserText(fake.requests[0]!)).toBe('And for TikTok?');
  });

  it('follows the Orchestrator through a web search to its handoff', async () => {
    fake.setResponder((request: ChatRequest) =>
      request.messages.some((m) => m.role === 'tool')
        ? {
            toolCalls: [
              {
                name: transferToolName(team, 'Producing'),
                arguments: { reason: 'Choosing a course platform is a tool choice.' },
              },
            ],
          }
        : { toolCalls: [{ name: 'web_search', arguments: { query: 'what is Kajabi' } }] },
    );
    const outcome = await route({
      id: 'kajabi',
      message: 'Should I set up my course on Kajabi?',
      expected: ['Producing'],
      kind: 'single',
    });
    expect(outcome).toMatchObject({ chosen: 'Producing', reason: 'Choosing a course platform is a tool choice.', error: null });
    expect(searx.queries).toEqual(['what is Kajabi']);
    expect(fake.requests).toHaveLength(2);
  });

  it('records an answer without a handoff as no choice, and a model failure as an error', async () => {
    fake.setResponder(() => ({ text: 'I can answer that myself.' }));
    expect(await route(followup)).toMatchObject({ chosen: null, reason: null, error: null });

    fake.setResponder(() => ({ status: 400, message: 'model not found' }));
    const failed = await route(followup);
    expect(failed).toMatchObject({ chosen: null, reason: null });
    expect(failed.error).toContain('model not found');
  });
});

/** A router on a server that ignores tool_choice: `replies` for its transfer-tool calls, in order; `choice` for its structured try. */
function lapsingRouter(replies: FakeReply[], choice: FakeReply = { text: 'Whoever fits best.' }) {
  const queue = [...replies];
  return (request: ChatRequest): FakeReply =>
    request.response_format ? choice : (queue.shift() ?? { status: 500, message: 'no more router replies in the plan' });
}

describe('routing one case on a server that ignores tool_choice', () => {
  let fake: FakeOpenAI;
  let route: CaseRouter;

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    const model = modelConfigFromEnv(configuredEnv(fake), { warn: () => {}, error: () => {} });
    if (!model.configured) throw new Error('the fake server should configure a model');
    const runtime = createAgentRuntime({ provider: model.provider, modelName: model.name, tools: NO_TOOLS });
    route = createCaseRouter(runtime.team, runtime.runner!, 10);
  });
  afterAll(async () => fake?.close());
  beforeEach(() => void (fake.requests.length = 0));

  const single: RoutingCase = { id: 'name', message: 'Name my bakery.', expected: ['Creative'], kind: 'single' };
  const transfer = (reason: string): FakeReply => ({
    toolCalls: [{ name: transferToolName(team, 'Creative'), arguments: { reason } }],
  });

  it.each([
    ['handoff', [transfer('A name.')], undefined, 1],
    ['repaired', [{ text: 'I will pass this to Creative.' }, transfer('A name.')], undefined, 2],
    [
      'repaired',
      [{ text: `{"name": "${transferToolName(team, 'Creative')}", "arguments": {"reason": "A name."}}` }],
      undefined,
      1,
    ],
    ['structured', [{ text: 'Creative!' }, { text: 'Creative!' }], { text: '{"expert": "Creative", "reason": "A name."}' }, 3],
  ] as const)(
    'finds the choice by %s, through the product routing, without calling the expert',
    async (kind, replies, choice, calls) => {
      fake.setResponder(lapsingRouter([...replies], choice));
      expect(await route(single)).toMatchObject({ chosen: 'Creative', reason: 'A name.', route: kind, error: null });
      expect(fake.requests).toHaveLength(calls);
    },
  );

  it('scores a router that never chooses as no choice (not an error), with the tokens it spent', async () => {
    fake.setResponder(lapsingRouter([{ text: 'Creative!' }, { text: 'Creative!' }]));
    const outcome = await route(single);
    expect(outcome).toMatchObject({ chosen: null, route: null, error: null });
    expect(outcome.inputTokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(3);
  });
});

describe('the eval command', () => {
  let fake: FakeOpenAI;
  let dir: string;
  const output = () => {
    const sink = { text: '', write: (chunk: string) => void (sink.text += chunk) };
    return sink;
  };

  beforeAll(async () => {
    fake = await startFakeOpenAI(() => ({ status: 500 }));
    dir = mkdtempSync(join(tmpdir(), 'switchboard-eval-cmd-'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (argv: string[], env: NodeJS.ProcessEnv = { OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-router' }) => {
    const stdout = output();
    const stderr = output();
    return runEvalCommand({ argv, env, cwd: dir, stdout, stderr }).then((code) => ({
      code,
      stdout: stdout.text,
      stderr: stderr.text,
    }));
  };

  it('keeps failed cases out of the accuracy, lists them, and exits with 1', async () => {
    const cases: RoutingCase[] = [
      { id: 'name', message: 'Name my bakery.', expected: ['Creative'], kind: 'single' },
      { id: 'price', message: 'Price my bread.', expected: ['Strategic'], kind: 'single' },
    ];
    writeFileSync(join(dir, 'two.json'), JSON.stringify(cases));
    fake.setResponder(
      playCases(
        team,
        new Map<string, () => Play>([
          ['Name my bakery.', () => ({ route: 'Creative', reason: 'A name.' })],
          ['Price my bread.', () => ({ fail: 400 })],
        ]),
      ),
    );
    const result = await run(['--cases', 'two.json', '--out', 'out/two-report.json', '--concurrency', '1']);
    expect(result.code).toBe(EXIT.failed);
    expect(result.stdout).toContain('Errors (1; not counted in accuracy):');
    expect(result.stdout).toContain('price: Error: 400 the test model refuses this case');
    const report = JSON.parse(readFileSync(join(dir, 'out', 'two-report.json'), 'utf8')) as EvalReport;
    expect(report.score).toMatchObject({ total: 2, scored: 1, errors: 1, overall: { cases: 1, correct: 1, accuracy: 1 } });
    expect(report.errored).toEqual([{ id: 'price', error: 'Error: 400 the test model refuses this case' }]);
    expect(report.failures).toEqual([]);
  });

  it('counts how each choice was found and calls out a model that often needs repair', async () => {
    const cases: RoutingCase[] = [
      { id: 'own', message: 'Name my bakery.', expected: ['Creative'], kind: 'single' },
      { id: 'lapse', message: 'Name my cafe.', expected: ['Creative'], kind: 'single' },
    ];
    writeFileSync(join(dir, 'routes.json'), JSON.stringify(cases));
    const lapsed = new Set<string>();
    fake.setResponder((request) => {
      const message = lastUserText(request);
      // "Name my cafe." is answered in words the first time: the reminder repairs it.
      if (message === 'Name my cafe.' && !lapsed.has(message)) {
        lapsed.add(message);
        return { text: 'Creative will take this.' };
      }
      return { toolCalls: [{ name: transferToolName(team, 'Creative'), arguments: { reason: 'A name.' } }] };
    });
    const result = await run(['--cases', 'routes.json', '--out', 'routes-report.json', '--concurrency', '1']);
    expect(result.code).toBe(EXIT.ok);
    const lines = result.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(expect.arrayContaining(['handoff 1 50.0%', 'repaired 1 50.0%', 'structured 0 0.0%', 'none 0 0.0%']));
    expect(result.stdout).toContain('handed off by itself in only 50.0% of cases: a poor router');
    const report = JSON.parse(readFileSync(join(dir, 'routes-report.json'), 'utf8')) as EvalReport;
    expect(report.score.routes).toEqual({ handoff: 1, repaired: 1, structured: 0, none: 0 });
    expect(report.results.map((r) => [r.id, r.route])).toEqual([
      ['own', 'handoff'],
      ['lapse', 'repaired'],
    ]);
  });

  it('compares two router models in one run: accuracy, tokens and p50 per model, each on its own model', async () => {
    const cases: RoutingCase[] = [
      { id: 'name', message: 'Name my bakery.', expected: ['Creative'], kind: 'single' },
      { id: 'price', message: 'Price my bread.', expected: ['Strategic'], kind: 'single' },
    ];
    writeFileSync(join(dir, 'compare.json'), JSON.stringify(cases));
    fake.requests.length = 0;
    // The small model gets pricing wrong; the larger one gets both right.
    fake.setResponder((request: ChatRequest) => {
      const wrong = request.model === 'tiny-router' && lastUserText(request) === 'Price my bread.';
      const expert = lastUserText(request) === 'Name my bakery.' || wrong ? 'Creative' : 'Strategic';
      return { toolCalls: [{ name: transferToolName(team, expert), arguments: { reason: 'Because.' } }] };
    });
    const result = await run([
      '--cases',
      'compare.json',
      '--out',
      'compare.json.out',
      '--router-model',
      'tiny-router,big-router',
    ]);
    expect(result.code).toBe(EXIT.ok);
    expect(new Set(fake.requests.map((r) => r.model))).toEqual(new Set(['tiny-router', 'big-router']));
    const report = JSON.parse(readFileSync(join(dir, 'compare.json.out'), 'utf8')) as { runs: EvalReport[] };
    expect(report.runs.map((r) => [r.model.name, r.score.overall.correct])).toEqual([
      ['tiny-router', 1],
      ['big-router', 2],
    ]);
    for (const r of report.runs) {
      expect(r.usage.inputTokens).toBeGreaterThan(0);
      expect(r.p50Ms).toBeGreaterThanOrEqual(0);
    }
    expect(result.stdout).toMatch(/Router models compared:\nmodel +correct[^\n]*p50 ms[^\n]*\ntiny-router +1\/2 +50\.0%/);
  });

  it('explains bad flags and a bad cases file without calling the model', async () => {
    fake.requests.length = 0;
    const badLimit = await run(['--limit', 'ten']);
    expect(badLimit.code).toBe(EXIT.failed);
    expect(badLimit.stderr).toContain('--limit must be a whole number of at least 1, not "ten"');
    expect(badLimit.stderr).toContain('Usage: npm run eval');

    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ id: 'x', message: 'Hi', expected: [], kind: 'single' }]));
    const badCases = await run(['--cases', 'bad.json']);
    expect(badCases.code).toBe(EXIT.failed);
    expect(badCases.stderr).toMatch(/bad\.json has invalid cases:\n {2}\[0\.expected\]/);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses to run with no model configured', async () => {
    const result = await run([], {});
    expect(result.code).toBe(EXIT.noModel);
    expect(result.stderr).toMatch(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });
});

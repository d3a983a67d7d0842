// `npm run eval` as a user runs it: a child process, the product's real Orchestrator and handoffs on
// the SDK's Chat Completions path, against a local fake OpenAI server that plays the model.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCases, type RoutingCase } from '../../scripts/eval/cases.ts';
import type { EvalReport } from '../../scripts/eval/report.ts';
import { buildTeam } from '../../server/agents/team.ts';
import { type Play, playCases, playPerfectly, runEvalCli } from '../support/eval-cli.ts';
import { type ChatRequest, type FakeOpenAI, messageTexts, startFakeOpenAI } from '../support/fake-openai.ts';
import { NO_TOOLS } from '../support/scripted-runtime.ts';

const team = buildTeam(NO_TOOLS);

const cases: RoutingCase[] = [
  { id: 'price', message: 'What should I charge for my candles?', expected: ['Strategic'], kind: 'single' },
  { id: 'forecast', message: 'Build me a 12-month revenue forecast.', expected: ['Strategic'], kind: 'single' },
  { id: 'name', message: 'Name my sourdough bakery.', expected: ['Creative'], kind: 'single' },
  { id: 'inventory', message: 'How do I track my inventory?', expected: ['Producing'], kind: 'single' },
  { id: 'returns', message: 'Write my returns process.', expected: ['Producing'], kind: 'single' },
  { id: 'instagram', message: 'Grow my Instagram to 3,000 followers.', expected: ['Media'], kind: 'single' },
  { id: 'tea', message: 'A name and a price for my herbal tea.', expected: ['Creative', 'Strategic'], kind: 'cross' },
  {
    id: 'tiktok',
    history: [
      { role: 'user', content: 'Make me an Instagram content calendar for April.' },
      { role: 'assistant', content: 'Four posts a week: carousels on Monday, Reels on Wednesday.' },
    ],
    message: 'And for TikTok?',
    expected: ['Media'],
    kind: 'followup',
  },
];

const heardCalendar = (request: ChatRequest) =>
  messageTexts(request).includes('Four posts a week: carousels on Monday, Reels on Wednesday.');

// The test plays the model: right picks, two deliberate mistakes and one answer without a handoff.
const plays = new Map<string, (request: ChatRequest) => Play>([
  ['What should I charge for my candles?', () => ({ route: 'Strategic', reason: 'Pricing candles is strategy.' })],
  ['Build me a 12-month revenue forecast.', () => ({ route: 'Media', reason: 'Growth sounds like audience growth.' })],
  ['Name my sourdough bakery.', () => ({ route: 'Creative', reason: 'A bakery name.' })],
  ['How do I track my inventory?', () => ({ route: 'Producing', reason: 'Inventory is operations.' })],
  ['Write my returns process.', () => ({ answer: 'Here is your returns process: ...' })],
  ['Grow my Instagram to 3,000 followers.', () => ({ route: 'Creative', reason: 'Instagram needs a fresh look.' })],
  ['A name and a price for my herbal tea.', () => ({ route: 'Strategic', reason: 'Pricing leads; naming is secondary.' })],
  // Right only when the conversation before the message reached the model.
  [
    'And for TikTok?',
    (request) =>
      heardCalendar(request)
        ? { route: 'Media', reason: 'The same content calendar, for TikTok.' }
        : { route: 'Strategic', reason: 'No context.' },
  ],
]);

describe('npm run eval', () => {
  let fake: FakeOpenAI;
  let dir: string;
  let casesFile: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeOpenAI(playCases(team, plays));
    dir = mkdtempSync(join(tmpdir(), 'switchboard-eval-'));
    casesFile = join(dir, 'cases.json');
    writeFileSync(casesFile, JSON.stringify(cases));
    env = { OPENAI_BASE_URL: fake.url, SWITCHBOARD_MODEL: 'fake-router' };
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setResponder(playCases(team, plays));
  });

  it('scores every case, prints the table, matrix and failures, and writes the report', async () => {
    const out = join(dir, 'report.json');
    const run = await runEvalCli(['--cases', casesFile, '--out', out, '--concurrency', '3'], { env, cwd: dir });
    expect(run.stderr).toContain('8/8');
    expect(run.code).toBe(0);

    // One Orchestrator request per case: the run stops at the handoff, no expert is ever called. The
    // case it answers in words gets a second try with a reminder, then a structured (tool-less) try.
    expect(fake.requests).toHaveLength(cases.length + 2);
    for (const request of fake.requests) expect(request.model).toBe('fake-router');
    const withTransfers = fake.requests.filter((r) => r.tools?.some((t) => t.function.name === 'transfer_to_Media'));
    expect(withTransfers).toHaveLength(cases.length + 1);
    expect(fake.requests.filter((r) => r.response_format?.type === 'json_schema')).toHaveLength(1);

    const lines = run.stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toContain('Routing eval: 8 cases on fake-router (chat_completions), concurrency 3');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Strategic 1/2 50.0%',
        'Creative 2/2 100.0%',
        'Producing 1/2 50.0%',
        'Media 1/2 50.0%',
        '(single) 3/6 50.0%',
        '(cross) 1/1 100.0%',
        '(followup) 1/1 100.0%',
        'overall 5/8 62.5%',
        'Strategic Creative Producing Media none',
        'Strategic 1 0 0 1 0',
        'Creative 1 1 0 0 0',
        'Producing 0 0 1 0 1',
        'Media 0 1 0 1 0',
        'route cases %',
        'handoff 7 87.5%',
        'repaired 0 0.0%',
        'structured 0 0.0%',
        'none 1 12.5%',
        'This model handed off by itself in only 87.5% of cases: a poor router on this server.',
        'Failures (3):',
        'forecast [single] expected Strategic, chose Media',
        'reason: "Growth sounds like audience growth."',
        'returns [single] expected Producing, chose no expert',
        'reason: (none given)',
        'instagram [single] expected Media, chose Creative',
        'reason: "Instagram needs a fresh look."',
        `Report: ${out}`,
      ]),
    );

    const report = JSON.parse(readFileSync(out, 'utf8')) as EvalReport;
    expect(report.model).toEqual({ api: 'chat_completions', name: 'fake-router' });
    expect(report.score).toMatchObject({ total: 8, scored: 8, errors: 0, overall: { cases: 8, correct: 5, accuracy: 0.625 } });
    expect(report.score.byExpert.Creative).toEqual({ cases: 2, correct: 2, accuracy: 1 });
    expect(report.score.routes).toEqual({ handoff: 7, repaired: 0, structured: 0, none: 1 });
    expect(report.score.confusion.Producing).toEqual({ Strategic: 0, Creative: 0, Producing: 1, Media: 0, none: 1 });
    const failure = (id: string, message: string, expected: string, chosen: string | null, reason: string | null) => ({
      id,
      kind: 'single',
      message,
      expected: [expected],
      chosen,
      reason,
    });
    expect(report.failures).toEqual([
      failure('forecast', 'Build me a 12-month revenue forecast.', 'Strategic', 'Media', 'Growth sounds like audience growth.'),
      failure('returns', 'Write my returns process.', 'Producing', null, null),
      failure('instagram', 'Grow my Instagram to 3,000 followers.', 'Media', 'Creative', 'Instagram needs a fresh look.'),
    ]);
    expect(report.results.map((r) => [r.id, r.chosen, r.correct])).toEqual([
      ['price', 'Strategic', true],
      ['forecast', 'Media', false],
      ['name', 'Creative', true],
      ['inventory', 'Producing', true],
      ['returns', null, false],
      ['instagram', 'Creative', false],
      ['tea', 'Strategic', true],
      ['tiktok', 'Media', true],
    ]);
    expect(report.usage.inputTokens).toBeGreaterThan(0);
  });

  it('routes only the first N cases with --limit, and writes the report under eval-results/ by default', async () => {
    const labelled = await loadCases();
    fake.setResponder(playPerfectly(team, labelled));
    const run = await runEvalCli(['--limit', '5'], { env, cwd: dir });
    expect(run.code).toBe(0);
    expect(fake.requests).toHaveLength(5);

    const [file] = readdirSync(join(dir, 'eval-results'));
    expect(file).toMatch(/^routing-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
    const report = JSON.parse(readFileSync(join(dir, 'eval-results', file!), 'utf8')) as EvalReport;
    expect(report.results.map((r) => r.id)).toEqual(labelled.slice(0, 5).map((c) => c.id));
    expect(report.score.overall).toEqual({ cases: 5, correct: 5, accuracy: 1 });
    expect(run.stdout).toContain('Failures: none.');
  });

  it('exits with code 2 and names the settings when no model is configured', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'switchboard-eval-none-'));
    try {
      const run = await runEvalCli([], { env: { OPENAI_API_KEY: '', OPENAI_BASE_URL: '' }, cwd: empty });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('OPENAI_API_KEY');
      expect(run.stderr).toContain('OPENAI_BASE_URL');
      expect(run.stdout).toBe('');
      expect(readdirSync(empty)).toEqual([]);
      expect(fake.requests).toHaveLength(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
